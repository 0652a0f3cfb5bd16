import torch
from torch.utils.data import DataLoader, Dataset

from dlings.testing import expect, expect_close, expect_equal, fail
from support_17_data import describe


class Base(Dataset):
    def __init__(self, n=6):
        self.x = torch.arange(n * 4, dtype=torch.float32).view(n, 4)
        self.y = torch.arange(n) * 10

    def __len__(self):
        return len(self.x)

    def __getitem__(self, i):
        return self.x[i], self.y[i]


class Counting:
    """Adds a new random number (and counts its calls) each time it runs."""

    def __init__(self):
        self.calls = 0

    def __call__(self, x):
        self.calls += 1
        return x + torch.rand(())


def _item(ds, i, what):
    item = ds[i]
    if not isinstance(item, tuple) or len(item) != 2:
        fail(f"{what} should be the pair (transform(x), y); got {describe(item)}.")
    return item


def test_applies_the_transform_at_read_time(exercise):
    base, t = Base(), Counting()
    ds = exercise.Transformed(base, t)
    expect_equal(t.calls, 0, "the number of transform calls made by Transformed.__init__",
                 hint="transform nothing in __init__: call the transform in __getitem__, each time an item is read.")
    expect_equal(len(ds), 6, "len(Transformed(base of 6 samples, t))")
    x1, y1 = _item(ds, 2, "Transformed(...)[2]")
    expect(isinstance(y1, torch.Tensor) and torch.equal(y1, base.y[2]),
           f"the y of Transformed(...)[2] should be base's y, {base.y[2]!r}, untouched; got {describe(y1)} {y1!r:.40}.",
           hint="apply the transform to x only: return self.transform(x), y.")
    x2, _ = _item(ds, 2, "Transformed(...)[2], read again")
    expect(t.calls == 2, f"reading item 2 twice called the transform {t.calls} times; it should run once per read.")
    expect(not torch.equal(x1, x2), "reading item 2 twice gave the same x, although the transform is random.",
           hint="call self.transform(x) inside __getitem__, not once in advance.")
    noise = x1 - base.x[2]
    expect_close(noise, torch.full((4,), float(noise[0])), "transform(x) - x for item 2 (one random number added)",
                 hint="apply the transform to x only.")


def test_none_means_no_change(exercise):
    base = Base()
    ds = exercise.Transformed(base, None)
    x, y = _item(ds, 4, "Transformed(base, None)[4]")
    expect_close(x, base.x[4], "x of Transformed(base, None)[4]")
    expect_equal(int(y), 40, "y of Transformed(base, None)[4]")
    ds = exercise.Transformed(base)
    expect_close(_item(ds, 1, "Transformed(base)[1]")[0], base.x[1], "x of Transformed(base)[1] (transform left out)")


def test_in_a_dataloader(exercise):
    t = Counting()
    loader = DataLoader(exercise.Transformed(Base(), t), batch_size=4)
    for _ in range(2):
        xs, ys = zip(*loader, strict=True)
    expect(t.calls == 12, f"two epochs over 6 samples should call the transform 12 times; it ran {t.calls} times.")
    expect_close(torch.cat(ys), torch.arange(6) * 10, "the labels of one epoch")
