import math

import torch
from torch.utils.data import DataLoader, TensorDataset

from dlings.testing import expect, fail

# (number of samples, shape of one x, batch_size, drop_last)
CASES = [(10, (), 4, False), (10, (3, 2), 4, False), (13, (5,), 5, True), (1, (4,), 8, False), (12, (2,), 4, False)]


def _data(n, shape, seed):
    g = torch.Generator().manual_seed(seed)
    # values rise with the index, so the small last batch has a very different mean
    x = torch.arange(n, dtype=torch.float32).view(n, *([1] * len(shape))) * 3 + torch.rand((n, *shape), generator=g)
    return x


def _batches(x, batch_size, drop_last):
    return [x[i:i + batch_size] for i in range(0, len(x), batch_size)
            if not drop_last or i + batch_size <= len(x)]


def test_mean_over_every_value(exercise):
    for seed, (n, shape, batch_size, drop_last) in enumerate(CASES):
        x = _data(n, shape, seed)
        loader = DataLoader(TensorDataset(x, torch.zeros(n)), batch_size=batch_size, drop_last=drop_last)
        got = exercise.dataset_mean(loader)
        batches = _batches(x, batch_size, drop_last)
        seen = torch.cat(batches)
        want = seen.double().mean().item()
        what = (f"dataset_mean(DataLoader(... {n} samples, x of shape {shape} each, batch_size={batch_size}"
                f"{', drop_last=True' if drop_last else ''}))")
        if isinstance(got, torch.Tensor):
            fail(f"{what} returned a tensor ({got!r}); return a Python float.", hint="call .item() on a 0-d tensor, "
                 "or keep the running sum as a float.")
        if not isinstance(got, (float, int)) or isinstance(got, bool):
            fail(f"{what} returned {got!r}, not a float.", hint="finish the TODO and `return` the mean.")
        if math.isclose(got, want, rel_tol=1e-6, abs_tol=1e-6):
            continue
        causes = {
            "that is the mean of the batch means: the smaller last batch counts as much as a full one. Add up the "
            "values and count them instead.": sum(b.double().mean().item() for b in batches) / len(batches),
            "you counted samples (len(x) or x.shape[0]), not values: a sample holds several numbers. Count with "
            "x.numel().": seen.double().sum().item() / len(seen),
            "that divides by len(loader.dataset): with drop_last=True the loader does not yield every sample. "
            "Count what the loader actually gives you.": seen.double().sum().item() / (n * max(1, math.prod(shape))),
            "that divides by the number of batches times the batch size: the last batch can be smaller.":
                seen.double().sum().item() / (len(batches) * batch_size * max(1, math.prod(shape))),
        }
        cause = next((c for c, v in causes.items() if math.isclose(got, v, rel_tol=1e-6, abs_tol=1e-6)), None)
        fail(f"{what} should be {want:.6g}, got {got:.6g}.", hint=cause)


def test_one_pass_only(exercise):
    x = _data(9, (2,), 3)

    class OnePass:
        """An iterable that can be read only once, like a stream."""

        def __init__(self):
            self.used = False

        def __iter__(self):
            expect(not self.used, "dataset_mean read the loader twice; one pass (one epoch) must be enough.",
                   hint="sum and count in the same loop.")
            self.used = True
            return iter(DataLoader(TensorDataset(x, torch.zeros(9)), batch_size=4))

    got = exercise.dataset_mean(OnePass())
    expect(math.isclose(float(got), x.double().mean().item(), rel_tol=1e-6),
           f"dataset_mean over a stream of batches should be {x.double().mean().item():.6g}, got {float(got):.6g}.")
