import math

import torch


def shard_indices(n, num_replicas, rank, epoch, seed=0):
    g = torch.Generator().manual_seed(seed + epoch)
    order = torch.randperm(n, generator=g).tolist()
    per = math.ceil(n / num_replicas)
    order = (order * math.ceil(per * num_replicas / n))[:per * num_replicas]
    return order[rank * per:(rank + 1) * per]
