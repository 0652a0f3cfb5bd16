import math

import torch


def shard_indices(n, num_replicas, rank, epoch, seed=0):
    g = torch.Generator().manual_seed(seed)
    order = torch.randperm(n, generator=g).tolist()
    total = math.ceil(n / num_replicas) * num_replicas
    order = (order * math.ceil(total / n))[:total]
    return order[rank::num_replicas]
