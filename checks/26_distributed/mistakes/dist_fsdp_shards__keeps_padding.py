import math

import torch
import torch.nn.functional as F


def shard_params(params, world_size):
    flat = torch.cat([p.detach().reshape(-1) for p in params])
    size = math.ceil(flat.numel() / world_size)
    flat = F.pad(flat, (0, size * world_size - flat.numel()))
    return [piece.clone() for piece in flat.split(size)]


def gather_params(shards, shapes):
    flat = torch.cat(shards)
    out, start = [], 0
    for i, s in enumerate(shapes):
        n = math.prod(s) if i < len(shapes) - 1 else flat.numel() - start
        out.append(flat[start:start + n].view(s))
        start += n
    return out
