"""dist_shard_indices: which samples each rank reads, as DistributedSampler picks them.

In data-parallel training every rank (process) reads a different slice of
the data set, and all ranks must take the SAME number of steps. Write
shard_indices(n, num_replicas, rank, epoch, seed): the list of Python ints
that DistributedSampler(dataset of length n, num_replicas, rank,
shuffle=True, seed=seed, drop_last=False) yields after set_epoch(epoch):
  1. shuffle: torch.randperm(n) drawn from a torch.Generator seeded with
     seed + epoch (so every rank draws the same permutation);
  2. pad: append the permutation's first entries again (cycling through it
     as often as needed) until its length is a multiple of num_replicas;
  3. subsample: rank r takes positions r, r + num_replicas, r + 2 * num_replicas, ...

Read: torch.utils.data.distributed.DistributedSampler, torch.randperm (generator=)
"""
import math

import torch


def shard_indices(n, num_replicas, rank, epoch, seed=0):
    # TODO: shuffle (seeded with seed + epoch), pad to a multiple of num_replicas, take this rank's share
    ...


if __name__ == "__main__":
    for r in range(3):
        print("rank", r, shard_indices(10, 3, r, epoch=0))
