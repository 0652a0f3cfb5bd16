import math

import torch


def shard_indices(n, num_replicas, rank, epoch, seed=0):
    torch.manual_seed(seed + epoch)
    order = torch.randperm(n).tolist()
    total = math.ceil(n / num_replicas) * num_replicas
    order = (order * math.ceil(total / n))[:total]
    return order[rank::num_replicas]
