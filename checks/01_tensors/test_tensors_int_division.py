import torch

from dlings.testing import expect, expect_close
from support_01_tensors import expect_dtype_is

INT = {torch.float32: "`/` is true division and returns float32 even for ints; `//` (floor division) keeps int64.",
       torch.int32: "int() gives int32; indices are int64 (.long()), or simply use `//`, which keeps int64."}


def test_split_index(exercise):
    g = torch.Generator().manual_seed(0)
    for h, w, n in [(4, 5, 6), (3, 7, 10), (8, 1, 5), (2, 16, 9)]:
        idx = torch.randint(0, h * w, (n,), generator=g)
        idx[0] = h * w - 1
        what = f"split_index(idx={idx.tolist()}, width={w})"
        got = exercise.split_index(idx.clone(), w)
        expect(isinstance(got, tuple) and len(got) == 2, f"{what} should return a tuple (row, col).")
        row, col = got
        expect_dtype_is(row, torch.int64, f"row from {what}", INT)
        expect_dtype_is(col, torch.int64, f"col from {what}", INT)
        expect_close(row, idx // w, f"row from {what}", mistakes={
            "row and col are swapped: the row is idx // width, the column idx % width.": idx % w,
            "rows are counted in units of width: divide by width, not by the height.": idx // h,
        })
        expect_close(col, idx % w, f"col from {what}", mistakes={
            "the column is what is left after removing whole rows: idx % width.": idx - idx // w,
        })


def test_split_index_of_a_large_image(exercise):
    # An 8192 x 8192 image has 2**26 pixels: float32 holds whole numbers exactly only up to 2**24, so
    # (idx / width).floor() puts the last pixels of a row on the next row.
    w = 8192
    idx = torch.tensor([w * w - 1, w * (w - 1) - 1, 2 ** 24 + 3, 5 * w + 7, w * w - w])
    what = f"split_index(idx={idx.tolist()}, width={w}) (pixels of an 8192 x 8192 image)"
    got = exercise.split_index(idx.clone(), w)
    expect(isinstance(got, tuple) and len(got) == 2, f"{what} should return a tuple (row, col).")
    row, col = got
    detour = "the rows went through float32 (`/`), which cannot hold every index above 2**24 exactly: stay " \
             "in integers with `//` (or torch.div(..., rounding_mode='floor'))."
    expect_dtype_is(row, torch.int64, f"row from {what}", INT)
    expect_close(row, idx // w, f"row from {what}", hint=detour)
    expect_dtype_is(col, torch.int64, f"col from {what}", INT)
    expect_close(col, idx % w, f"col from {what}", hint=detour)


def test_mean_of_ints(exercise):
    g = torch.Generator().manual_seed(1)
    for shape in [(5,), (3, 4), (2, 2, 3)]:
        x = torch.randint(-20, 20, shape, generator=g)
        what = f"mean_of_ints(x) for int64 x = {x.tolist()}"
        got = exercise.mean_of_ints(x.clone())
        expect_dtype_is(got, torch.float32, what, {
            torch.int64: "`//` floors the mean to a whole number; cast to float first (x.float()).",
            torch.float64: "ask for float32 (x.float()), not float64.",
        })
        want = x.float().mean()
        expect_close(got, want, what, mistakes={
            "the mean was rounded down: `//` is floor division; cast to float before averaging.":
                torch.div(x.sum(), x.numel(), rounding_mode="floor").float(),
            "len(x) is only the first dimension: average over all x.numel() values.":
                x.sum() / len(x),
        })
