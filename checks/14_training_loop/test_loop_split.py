"""loop_split: a seeded, shuffled, disjoint train/validation split.

The samples are sorted by class, so a split that takes the last rows as
validation shows up at once. Any random assignment is accepted (randperm,
random_split, a boolean mask ...) as long as it comes from the seed, leaves
the global RNG alone, and keeps the counts and the (x, y) pairs.
"""
import support_14_training_loop  # noqa: F401 - sets one thread for the tiny models
import torch
from dlings.testing import expect, expect_equal, expect_tensor, fail

CASES = [
    # (n, val_fraction, seed, shape of one x)
    (100, 0.2, 0, (3,)),
    (7, 0.5, 1, (3,)),          # 3.5 samples: rounded down to 3
    (40, 0.25, 2, (2, 4, 4)),   # image-like x
    (10, 0.0, 3, (3,)),         # no validation at all
]


def _data(n, shape, seed=0):
    g = torch.Generator().manual_seed(1000 + seed)
    x = torch.randn(n, *shape, generator=g)
    x.view(n, -1)[:, 0] = torch.arange(n, dtype=torch.float32)   # row i is recognisable by its first value
    y = torch.arange(n) * 4 // n                                   # sorted by class: 0 0 ... 1 1 ... 3 3
    return x, y


def _split(exercise, x, y, fraction, seed):
    before = torch.get_rng_state()
    result = exercise.train_val_split(x.clone(), y.clone(), fraction, seed)
    if result is None or result is Ellipsis:
        fail("train_val_split(...) returned None; it should return (x_train, y_train, x_val, y_val).",
             hint="finish the TODO and return the four tensors.")
    if not isinstance(result, (tuple, list)) or len(result) != 4:
        fail(f"train_val_split(...) should return four tensors (x_train, y_train, x_val, y_val), got "
             f"{type(result).__name__} of length {len(result) if hasattr(result, '__len__') else '?'}.")
    names = ["x_train", "y_train", "x_val", "y_val"]
    parts = [expect_tensor(t, f"{name} from train_val_split") for t, name in zip(result, names)]
    if not torch.equal(before, torch.get_rng_state()):
        fail(f"train_val_split(x, y, {fraction}, seed={seed}) changed the global random state.",
             hint="draw the permutation from your own generator, torch.randperm(n, generator="
                  "torch.Generator().manual_seed(seed)), instead of torch.manual_seed(seed) or a torch.rand* "
                  "call without generator=: training code that follows depends on the global state.")
    return parts


def _ids(xpart, n, what):
    ids = xpart.reshape(len(xpart), -1)[:, 0] if len(xpart) else torch.zeros(0)
    if not torch.equal(ids, ids.round()) or (len(ids) and (ids.min() < 0 or ids.max() >= n)):
        fail(f"{what} holds rows that are not rows of x (their values changed).",
             hint="select whole rows of x by index (x[indices]); do not modify them.")
    return [int(i) for i in ids]


def test_split(exercise):
    for n, fraction, seed, shape in CASES:
        x, y = _data(n, shape, seed)
        x_train, y_train, x_val, y_val = _split(exercise, x, y, fraction, seed)
        call = f"train_val_split(x, y, val_fraction={fraction}, seed={seed}) with n={n}"
        n_val = int(n * fraction)
        for part, name in ((x_train, "x_train"), (x_val, "x_val")):
            expect_equal(tuple(part.shape[1:]), tuple(x.shape[1:]), f"the shape of one row of {name} from {call}",
                         hint="index the first dimension only: x[indices].")
        hint_n = ("round down: int(n * val_fraction); round() or math.ceil() give one more here."
                  if n_val != n * fraction else None)
        if fraction == 0.0 and len(x_val) == n:
            hint_n = ("with val_fraction=0, n_val is 0 and perm[-0:] is the WHOLE permutation: slice as "
                      "perm[:n_val] and perm[n_val:].")
        expect_equal(len(x_val), n_val, f"the number of validation samples from {call}", hint=hint_n)
        expect_equal(len(x_train), n - n_val, f"the number of training samples from {call}",
                     hint="every sample not in validation goes to training.")
        expect_equal(len(y_train), len(x_train), f"len(y_train) from {call}")
        expect_equal(len(y_val), len(x_val), f"len(y_val) from {call}")
        train_ids, val_ids = _ids(x_train, n, f"x_train from {call}"), _ids(x_val, n, f"x_val from {call}")
        both = set(train_ids) & set(val_ids)
        expect(not both, f"{call} put {len(both)} samples in both parts (e.g. row {min(both) if both else 0}).",
               hint="take both parts from ONE permutation: its first n_val entries and the rest.")
        expect(sorted(train_ids + val_ids) == list(range(n)),
               f"{call} does not use every sample exactly once: some rows appear twice or not at all.",
               hint="take both parts from ONE permutation of all n indices.")
        if not (torch.equal(y_train, y[train_ids]) and torch.equal(y_val, y[val_ids])):
            fail(f"the labels from {call} no longer belong to their rows of x.",
                 hint="index x and y with the SAME indices, so each x keeps its own label.")
        if n_val >= 3:
            expect(val_ids not in (list(range(n - n_val, n)), list(range(n_val))) and
                   sorted(val_ids) not in (list(range(n - n_val, n)), list(range(n_val))),
                   f"{call} took the {'last' if max(val_ids) == n - 1 else 'first'} {n_val} rows as validation, "
                   "without shuffling. These rows are sorted by class, so validation would hold classes training "
                   "never saw.", hint="shuffle first: torch.randperm(n, generator=...).")


def test_reproducible_from_the_seed(exercise):
    x, y = _data(60, (3,))
    first = [_ids(t, 60, "x_val") for t in _split(exercise, x, y, 0.3, 5)[2:3]]
    again = [_ids(t, 60, "x_val") for t in _split(exercise, x, y, 0.3, 5)[2:3]]
    other = [_ids(t, 60, "x_val") for t in _split(exercise, x, y, 0.3, 6)[2:3]]
    expect(first == again, "two calls with seed=5 gave different validation sets: the split should be "
           "reproducible from the seed.", hint="make the generator from the seed inside the function: "
           "torch.Generator().manual_seed(seed).")
    expect(first != other, "seed=5 and seed=6 gave the same validation set: the split should come from the seed.",
           hint="pass generator=torch.Generator().manual_seed(seed) to torch.randperm.")
