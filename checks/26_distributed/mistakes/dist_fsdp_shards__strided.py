import math

import torch
import torch.nn.functional as F


def shard_params(params, world_size):
    flat = torch.cat([p.detach().reshape(-1) for p in params])
    size = math.ceil(flat.numel() / world_size)
    flat = F.pad(flat, (0, size * world_size - flat.numel()))
    return [flat[r::world_size].clone() for r in range(world_size)]


def gather_params(shards, shapes):
    flat = torch.stack(shards, dim=1).reshape(-1)
    sizes = [math.prod(s) for s in shapes]
    pieces = flat[:sum(sizes)].split(sizes)
    return [piece.view(s) for piece, s in zip(pieces, shapes)]
