import math

import torch


def shard_params(params, world_size):
    flat = torch.cat([p.detach().reshape(-1) for p in params])
    return [piece.clone() for piece in torch.tensor_split(flat, world_size)]


def gather_params(shards, shapes):
    flat = torch.cat(shards)
    sizes = [math.prod(s) for s in shapes]
    return [piece.view(s) for piece, s in zip(flat.split(sizes), shapes)]
