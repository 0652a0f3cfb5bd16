"""epoch_orders is judged against DistributedSampler + DataLoader run the documented way (set_epoch(epoch)
before each epoch), on sizes that split evenly, that need padding, batch sizes that do not divide a share,
a non-default seed, and one rank. Before comparing, the properties a learner can read are tested first with
their own messages: every rank's share per epoch, disjoint and complete, and a new order each epoch.
No processes: DistributedSampler takes num_replicas and rank as arguments. Well under 1 s."""
import torch
from torch.utils.data import Dataset, DistributedSampler

from dlings.testing import expect, fail


class Indices(Dataset):
    """Sample i is the int i: what a loader yields shows which samples a rank read."""

    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        return i


# (n, num_replicas, epochs, batch_size, seed)
CASES = [(12, 3, 3, 4, 0), (10, 4, 3, 3, 5), (9, 2, 2, 2, 1), (6, 1, 2, 4, 0)]


def reference(n, reps, rank, epochs, batch_size, seed):
    sampler = DistributedSampler(Indices(n), num_replicas=reps, rank=rank, shuffle=True, seed=seed)
    out = []
    for epoch in range(epochs):
        sampler.set_epoch(epoch)
        out.append(list(sampler))
    return out


def call(exercise, n, reps, rank, epochs, batch_size, seed):
    what = f"epoch_orders(dataset of {n}, {reps}, {rank}, epochs={epochs}, batch_size={batch_size}, seed={seed})"
    got = exercise.epoch_orders(Indices(n), reps, rank, epochs, batch_size, seed=seed)
    if got is None:
        fail(f"{what} returned None.", hint="finish the TODO and return one list per epoch.")
    try:
        got = [[int(i) if isinstance(i, int) or (isinstance(i, torch.Tensor) and i.numel() == 1) else i
                for i in epoch] for epoch in got]
    except TypeError:
        fail(f"{what} should return a list of lists of ints, got {got!r:.200}.")
    bad = [i for e in got for i in e if not isinstance(i, int)]
    expect(not bad, f"{what} holds {type(bad[0]).__name__ if bad else ''} items; each epoch should be a flat list of "
           "sample indices (ints).", hint="flatten the batches: [int(i) for batch in loader for i in batch].")
    expect(len(got) == epochs, f"{what} returned {len(got)} epoch(s); expected {epochs}.")
    return what, got


def test_shares_and_epochs(exercise):
    for n, reps, epochs, bs, seed in CASES:
        shares = [call(exercise, n, reps, r, epochs, bs, seed) for r in range(reps)]
        per_rank = -(-n // reps)
        for e in range(epochs):
            seen = []
            for what, got in shares:
                expect(len(got[e]) == per_rank, f"{what} yields {len(got[e])} samples in epoch {e}; each of the "
                       f"{reps} ranks should get ceil({n} / {reps}) = {per_rank}.",
                       hint="the loader must draw from DistributedSampler(dataset, num_replicas=num_replicas, "
                            "rank=rank, ...), passed as sampler= (not shuffle=True).")
                seen += got[e]
            if n % reps == 0 and len(set(seen)) < n:
                dup = next(i for i in seen if seen.count(i) > 1)
                fail(f"in epoch {e} of {n} samples on {reps} ranks, sample {dup} is read by more than one rank "
                     "(the shares should not overlap).",
                     hint="a plain shuffled DataLoader gives every rank the whole data set: use the sampler.")
            expect(set(seen) == set(range(n)), f"in epoch {e} the {reps} ranks together read "
                   f"{sorted(set(seen))}; they should cover all {n} samples.")
        for rank, (what, got) in enumerate(shares):
            if epochs > 1 and reps < n and got[0] == got[1]:
                plain = list(DistributedSampler(Indices(n), num_replicas=reps, rank=rank, shuffle=False))
                fail(f"{what} yields the same order in epoch 0 and epoch 1: {got[0]}.",
                     hint="that is the data set's own order: DistributedSampler(..., shuffle=True)."
                     if got[0] == plain else
                     "DistributedSampler draws its permutation from seed + epoch: call "
                     "sampler.set_epoch(epoch) at the START of every epoch, before iterating the loader.")
        for rank, (what, got) in enumerate(shares):
            want = reference(n, reps, rank, epochs, bs, seed)
            for e in range(epochs):
                if got[e] != want[e]:
                    cause = None
                    if e > 0 and got[e] == want[e - 1]:
                        cause = ("epoch {e} got the order meant for epoch {e1}: set_epoch(epoch) goes BEFORE the "
                                 "epoch's loop, not after it.").format(e=e, e1=e - 1)
                    elif got[e] == reference(n, reps, rank, epochs, bs, 0)[e]:
                        cause = "the seed argument is ignored: DistributedSampler(..., seed=seed)."
                    fail(f"{what}, epoch {e}: got {got[e]}; DistributedSampler with set_epoch({e}) yields "
                         f"{want[e]}.", hint=cause or "shuffle=True, seed=seed, and sampler.set_epoch(epoch) "
                                                      "before each epoch, with epochs counted from 0.")
