import math

import torch


def shard_indices(n, num_replicas, rank, epoch, seed=0):
    g = torch.Generator().manual_seed(seed + epoch)
    order = torch.randperm(n, generator=g).tolist()
    total = math.ceil(n / num_replicas) * num_replicas
    order = order + order[:total - n]
    return order[rank::num_replicas]
