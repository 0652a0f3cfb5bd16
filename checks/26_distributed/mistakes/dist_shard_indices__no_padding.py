import torch


def shard_indices(n, num_replicas, rank, epoch, seed=0):
    g = torch.Generator().manual_seed(seed + epoch)
    return torch.randperm(n, generator=g).tolist()[rank::num_replicas]
