# Returns views into one padded flat vector: each shard keeps the whole vector in memory.
import math
import torch
import torch.nn.functional as F
def shard_params(params, world_size):
    flat = torch.cat([p.detach().reshape(-1) for p in params])
    flat = flat if (-flat.numel()) % world_size else flat
    flat = F.pad(flat, (0, (-flat.numel()) % world_size))
    return list(flat.view(world_size, -1).unbind(0))
def gather_params(shards, shapes):
    flat = torch.cat(shards)
    sizes = [math.prod(s) for s in shapes]
    flat = flat[:sum(sizes)]
    return [t.view(s) for t, s in zip(flat.split(sizes), shapes)]
