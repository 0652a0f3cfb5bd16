import math

import torch
import torch.nn.functional as F


def shard_params(params, world_size):
    flat = torch.cat([p.detach().reshape(-1) for p in params])
    size = math.ceil(flat.numel() / world_size)
    flat = F.pad(flat, (0, size * world_size - flat.numel()))
    return [piece.clone() for piece in flat.split(size)]


def gather_params(shards, shapes):
    out, flat = [], torch.cat(shards)
    start = 0
    for s in shapes:
        t = torch.empty(s, dtype=flat.dtype)
        with torch.no_grad():
            t.copy_(flat[start:start + t.numel()].view(s))
        out.append(t)
        start += t.numel()
    return out
