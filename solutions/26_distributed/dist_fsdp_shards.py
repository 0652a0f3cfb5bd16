"""dist_fsdp_shards: the idea of FSDP, sharded parameters gathered for the forward pass.

Fully sharded data parallel stores each parameter only once across W ranks:
all parameters are flattened into one vector, padded with zeros to a
multiple of W, and rank r keeps only the r-th contiguous piece. Before the
forward pass the ranks all-gather the pieces into full tensors again.
  shard_params(params, world_size): params is a list of tensors; return a
    list of world_size 1-D tensors of equal length, with no autograd history
    (detached copies, each in its own memory: rank r stores its piece and
    nothing more): rank r's shard is flat[r * S:(r + 1) * S] of the
    zero-padded flat vector.
  gather_params(shards, shapes): the inverse, list of tensors with those
    shapes, built so that gradients flow back into the shards (a loss
    computed with the gathered tensors gives every shard its .grad).

Read: torch.cat, torch.split, Tensor.view, torch.nn.functional.pad,
      torch.distributed.fsdp (FullyShardedDataParallel)
"""
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
    sizes = [math.prod(s) for s in shapes]
    pieces = flat[:sum(sizes)].split(sizes)
    return [piece.view(s) for piece, s in zip(pieces, shapes)]


if __name__ == "__main__":
    model = torch.nn.Linear(3, 2)
    shards = shard_params(list(model.parameters()), 4)
    print([s.shape for s in shards])
    print([t.shape for t in gather_params(shards, [p.shape for p in model.parameters()])])
