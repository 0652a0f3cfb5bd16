from collections import Counter

import torch

from dlings import data
from dlings.testing import expect, fail
from support_17_data import describe


def _call(exercise, labels, fraction, seed, what):
    out = exercise.stratified_split(labels, fraction, seed)
    if not isinstance(out, tuple) or len(out) != 2:
        fail(f"{what} should return (train_idx, val_idx); got {describe(out)}.")
    parts = []
    for name, part in zip(("train_idx", "val_idx"), out, strict=True):
        if isinstance(part, list):
            part = torch.tensor(part, dtype=torch.long)
        if not isinstance(part, torch.Tensor):
            fail(f"{name} from {what} should be a 1-D int64 tensor; got {describe(part)}.")
        if part.dim() != 1 or part.is_floating_point():
            fail(f"{name} from {what} should be a 1-D tensor of integer indices; got {describe(part)}.",
                 hint="squeeze the (k, 1) result of torch.nonzero, or use torch.nonzero(...).squeeze(1).")
        parts.append(part.long())
    return parts


def _check_counts(labels, train, val, fraction, what):
    n = len(labels)
    both = torch.cat([train, val]).tolist()
    if sorted(both) != list(range(n)):
        missing = sorted(set(range(n)) - set(both))
        repeated = sorted(i for i, k in Counter(both).items() if k > 1)
        outside = sorted({i for i in both if not 0 <= i < n})
        fail(f"{what}: train_idx and val_idx together should hold every index 0..{n - 1} exactly once; "
             f"they hold {len(both)} indices, {len(missing)} missing (first: {missing[:5]}), "
             f"{len(repeated)} repeated (first: {repeated[:5]}), {len(outside)} outside 0..{n - 1}.",
             hint="return positions in labels (torch.nonzero(labels == c).squeeze(1)), not the labels themselves; "
                  "every index goes to exactly one of the two parts.")
    for c in torch.unique(labels).tolist():
        n_c = int((labels == c).sum())
        got = int((labels[val] == c).sum())
        want = int(n_c * fraction)
        if got != want:
            fail(f"{what}: class {c} has {n_c} samples, so val should hold int({n_c} * {fraction}) = {want} of them; "
                 f"it holds {got}.",
                 hint="split each class separately (a random split of all indices only gets the proportions right "
                      "on average); round down with int(), not round()." if got != round(n_c * fraction) else
                 "round down: int(n_c * val_fraction), not round().")


def test_each_class_in_proportion(exercise):
    labels = data.shapes(3000, variant="imbalanced", classes=6, seed=0).y
    train, val = _call(exercise, labels, 0.2, 0, "stratified_split(imbalanced shapes labels, 0.2, seed=0)")
    _check_counts(labels, train, val, 0.2, "stratified_split(imbalanced shapes labels, 0.2, seed=0)")
    odd = torch.tensor([3, 3, 3, 0, 7, 7, 0, 3, 9, 3, 3, 7])   # a class of one sample, classes that are not 0..k
    train, val = _call(exercise, odd, 0.5, 1, f"stratified_split({odd.tolist()}, 0.5, seed=1)")
    _check_counts(odd, train, val, 0.5, f"stratified_split({odd.tolist()}, 0.5, seed=1)")


def test_random_within_each_class(exercise):
    labels = torch.arange(400) % 4     # four classes, interleaved
    picks = []
    for seed in (0, 1):
        _, val = _call(exercise, labels, 0.25, seed, f"stratified_split(labels, 0.25, seed={seed})")
        picks.append(sorted(val.tolist()))
    firsts = sorted(torch.nonzero(labels == c).squeeze(1)[:25].tolist()[i] for c in range(4) for i in range(25))
    lasts = sorted(torch.nonzero(labels == c).squeeze(1)[-25:].tolist()[i] for c in range(4) for i in range(25))
    expect(picks[0] not in (firsts, lasts),
           "val holds the first (or last) samples of each class: choose them at random (shuffle each class's "
           "indices with torch.randperm(len(idx), generator=g) before cutting).")
    expect(picks[0] != picks[1], "seeds 0 and 1 gave the same split: draw with a generator seeded with seed.")


def test_same_seed_same_split(exercise):
    labels = data.shapes(600, variant="imbalanced", classes=6, seed=1).y
    torch.manual_seed(0)
    a = _call(exercise, labels, 0.3, 9, "stratified_split(labels, 0.3, seed=9)")
    torch.rand(4)
    torch.manual_seed(42)
    b = _call(exercise, labels, 0.3, 9, "stratified_split(labels, 0.3, seed=9)")
    expect(sorted(a[1].tolist()) == sorted(b[1].tolist()),
           "two calls with seed 9 gave different splits when other code used torch's global random numbers in "
           "between.", hint="g = torch.Generator().manual_seed(seed), and pass generator=g to torch.randperm.")


def test_global_rng_untouched(exercise):
    labels = torch.arange(60) % 3
    torch.manual_seed(5)
    state = torch.get_rng_state()
    _call(exercise, labels, 0.2, 1, "stratified_split(labels, 0.2, seed=1)")
    expect(torch.equal(torch.get_rng_state(), state),
           "stratified_split changed torch's global random state (it called torch.manual_seed, or drew from it).",
           hint="draw only from your own g = torch.Generator().manual_seed(seed): randperm(n, generator=g).")
