import torch
from torch.utils.data import DataLoader

from dlings.testing import expect, expect_close, expect_equal, fail
from support_17_data import describe

CASES = [((5, 3), (5,)), ((1, 4, 4), (1,)), ((7,), (7, 2)), ((6, 2, 3), (6,))]


def _make(exercise, xs, ys):
    torch.manual_seed(0)
    x, y = torch.randn(xs), torch.randint(0, 9, ys)
    return x, y, exercise.PairDataset(x, y)


def test_len_is_the_number_of_samples(exercise):
    for xs, ys in CASES:
        x, y, ds = _make(exercise, xs, ys)
        n = len(ds)
        expect_equal(n, xs[0], f"len(PairDataset(x, y)) for x of shape {xs}",
                     mistakes={"that is x.numel(), every number in x: count the samples, x.shape[0] (or len(x)).":
                               x.numel(),
                               "that is len(x.shape), the number of dimensions: count the samples, x.shape[0].":
                               len(xs)})


def test_items_are_pairs(exercise):
    for xs, ys in CASES:
        x, y, ds = _make(exercise, xs, ys)
        for i in sorted({0, xs[0] - 1, xs[0] // 2, -1}):
            item = ds[i]
            if not isinstance(item, tuple) or len(item) != 2:
                fail(f"ds[{i}] (x of shape {xs}) should be the tuple (x[{i}], y[{i}]); got {describe(item)}.",
                     hint="return x[i], y[i] (a comma makes a tuple).")
            if isinstance(item[0], torch.Tensor) and tuple(item[0].shape) == tuple(y[i].shape) \
                    and tuple(item[1].shape) == tuple(x[i].shape) and tuple(x[i].shape) != tuple(y[i].shape):
                fail(f"ds[{i}] holds (y[{i}], x[{i}]): the input comes first.", hint="return x[i], y[i].")
            expect_close(item[0], x[i], f"ds[{i}][0] for x of shape {xs}",
                         mistakes={"ds[i][0] is the whole x: index it with i.": x})
            expect_close(item[1], y[i], f"ds[{i}][1] for y of shape {ys}",
                         mistakes={"ds[i][1] is the whole y: index it with i.": y})


def test_mismatched_sizes_raise(exercise):
    for xs, ys in [((5, 3), (4,)), ((3, 5), (5,))]:
        x, y = torch.randn(xs), torch.zeros(ys)
        try:
            exercise.PairDataset(x, y)
        except ValueError:
            continue
        except Exception as exc:  # noqa: BLE001
            fail(f"PairDataset(x of shape {xs}, y of shape {ys}) raised {type(exc).__name__}, not ValueError.")
        fail(f"PairDataset(x of shape {xs}, y of shape {ys}) should raise ValueError: x holds {xs[0]} samples, "
             f"y holds {ys[0]}.",
             hint="compare the first dimensions, x.shape[0] != y.shape[0] (not numel(), not the last dimension).")
    x, y = torch.randn(4, 3), torch.zeros(4)
    try:
        exercise.PairDataset(x, y)
    except ValueError:
        fail("PairDataset(x of shape (4, 3), y of shape (4,)) raised ValueError, but both hold 4 samples.",
             hint="compare only the first dimensions: x.shape[0] and y.shape[0]; the rest may differ.")


def test_a_dataloader_batches_it(exercise):
    x, y, ds = _make(exercise, (10, 3), (10,))
    batches = list(DataLoader(ds, batch_size=4))
    expect(len(batches) == 3, f"a DataLoader(batch_size=4) over 10 samples should give 3 batches, got {len(batches)}.")
    xb, yb = batches[0]
    expect_close(xb, x[:4], "the first batch's x from DataLoader(PairDataset(x, y), batch_size=4)")
    expect_close(yb, y[:4], "the first batch's y from DataLoader(PairDataset(x, y), batch_size=4)")
