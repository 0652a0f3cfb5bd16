"""shard_indices is judged against DistributedSampler itself on data set lengths that divide evenly, that need
padding, and that are shorter than the number of ranks (the padding cycles through the permutation more than once)."""
import math

import torch
from torch.utils.data import DistributedSampler

from dlings.testing import expect, expect_equal, fail

# (n, num_replicas): even split, padding of 2, a single rank, n < num_replicas (padding cycles twice), n == 1
CASES = [(12, 4), (10, 3), (7, 1), (2, 5), (1, 3)]


def reference(n, num_replicas, rank, epoch, seed=0):
    sampler = DistributedSampler(range(n), num_replicas=num_replicas, rank=rank, shuffle=True, seed=seed)
    sampler.set_epoch(epoch)
    return list(sampler)


def _call(exercise, n, num_replicas, rank, epoch, seed=0):
    what = f"shard_indices({n}, {num_replicas}, {rank}, epoch={epoch}, seed={seed})"
    got = exercise.shard_indices(n, num_replicas, rank, epoch, seed=seed)
    if got is None:
        fail(f"{what} returned None.", hint="finish the TODO and `return` the list of indices.")
    if isinstance(got, torch.Tensor) and got.dim() == 1 and not got.is_floating_point():
        got = got.tolist()
    if not isinstance(got, (list, tuple)) or not all(isinstance(v, int) and not isinstance(v, bool) for v in got):
        fail(f"{what} should return a list of Python ints; it returned {type(got).__name__}: {got!r:.200}.",
             hint="torch.randperm(...).tolist() gives a list of ints.")
    return what, list(got)


def test_every_rank_gets_the_same_count(exercise):
    for n, reps in CASES:
        shares = [_call(exercise, n, reps, r, 0) for r in range(reps)]
        want = math.ceil(n / reps)
        for what, got in shares:
            expect(len(got) == want,
                   f"{what} has {len(got)} indices; every rank should get ceil({n} / {reps}) = {want}.",
                   hint="the ranks step together: one with fewer samples would stop early and the others would wait "
                        "for it forever. Pad the permutation with its own first entries, cycling through it "
                        "again when n is smaller than the padding needed." if len(got) < want else
                   "take only this rank's share: every num_replicas-th position, starting at rank.")


def test_shards_are_disjoint_and_complete(exercise):
    for n, reps in CASES:
        shares = [_call(exercise, n, reps, r, 0)[1] for r in range(reps)]
        every = [i for s in shares for i in s]
        expect(set(every) == set(range(n)),
               f"with n={n} and {reps} ranks, the ranks together read {sorted(set(every))}; they should read every "
               f"index 0 .. {n - 1}.",
               hint="every rank must draw the SAME permutation (the same generator seed on every rank) and then "
                    "take its own positions of it.")
        if n % reps == 0:
            expect(len(set(every)) == len(every),
                   f"with n={n} and {reps} ranks (an even split), some index is read by two ranks: "
                   f"{[s for s in shares]}.",
                   hint="every rank must draw the SAME permutation (seeded with seed + epoch, never with the rank), "
                        "then take its own positions of it.")


def test_shuffle_changes_with_the_epoch(exercise):
    e0 = _call(exercise, 12, 4, 1, 0)[1]
    e1 = _call(exercise, 12, 4, 1, 1)[1]
    expect(e0 != e1 or _call(exercise, 12, 4, 1, 2)[1] != e0,
           f"rank 1 reads {e0} in epoch 0, 1 and 2: the shuffle never changes.",
           hint="seed the generator with seed + epoch. (With DistributedSampler itself, this is why "
                "sampler.set_epoch(epoch) must be called at the start of every epoch.)")
    again = _call(exercise, 12, 4, 1, 1)[1]
    expect(again == e1, f"two calls of shard_indices(12, 4, 1, epoch=1) gave {e1} and {again}: each rank must be "
                        "able to compute the same order on its own.",
           hint="draw the permutation from your own torch.Generator().manual_seed(seed + epoch), not from the "
                "global random state.")


def test_same_as_distributed_sampler(exercise):
    for n, reps in CASES:
        for epoch, seed in ((0, 0), (3, 0), (1, 5)):
            for rank in range(reps):
                what, got = _call(exercise, n, reps, rank, epoch, seed)
                want = reference(n, reps, rank, epoch, seed)
                g = torch.Generator().manual_seed(seed + epoch)
                perm = torch.randperm(n, generator=g).tolist()
                total = math.ceil(n / reps) * reps
                padded = (perm * math.ceil(total / n))[:total]
                per = total // reps
                expect_equal(got, want, what, mistakes={
                    "rank r should take every num_replicas-th position starting at r (positions r, r + "
                    "num_replicas, ...), not one contiguous block of the padded permutation.":
                        padded[rank * per:(rank + 1) * per],
                    "the generator should be seeded with seed + epoch; yours ignores the epoch.":
                        reference(n, reps, rank, 0, seed),
                    "the generator should be seeded with seed + epoch; yours ignores seed.":
                        reference(n, reps, rank, epoch, 0),
                    "the padding goes at the END of the permutation (its first entries appended again), not at "
                    "the front.": ((perm[:total - n] + perm) if total - n <= n else padded)[rank::reps],
                }, hint="follow the three steps of the docstring: randperm(n) from a generator seeded with seed + "
                        "epoch, pad to a multiple of num_replicas with the permutation's first entries, then "
                        "order[rank::num_replicas].")


def test_global_random_state_untouched(exercise):
    torch.manual_seed(1234)
    before = torch.get_rng_state()
    _call(exercise, 10, 3, 0, 2)
    expect(torch.equal(torch.get_rng_state(), before),
           "shard_indices changed torch's global random state: a sampler that reseeds it (torch.manual_seed) or "
           "draws from it also changes dropout, augmentation and initialisation in the training that uses it.",
           hint="draw from your own generator: torch.randperm(n, generator=torch.Generator().manual_seed(seed + "
                "epoch)).")
