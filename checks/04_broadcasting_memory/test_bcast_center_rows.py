import torch

from dlings.testing import expect_close


def test_center_rows(exercise):
    torch.manual_seed(0)
    # square matrices first: there the keepdim mistake gives numbers, not an error
    for shape in [(4, 4), (1, 1), (3, 5), (6, 2), (5, 1)]:
        x = torch.randn(shape) * 3 + torch.arange(shape[0]).unsqueeze(1)
        before = x.clone()
        got = exercise.center_rows(x)
        expect_close(
            got, before - before.mean(dim=1, keepdim=True), what=f"center_rows(x) for x of shape {shape}",
            mistakes={
                "x.mean(dim=1) has shape (n,) and broadcasting lines it up with the columns, not the rows: "
                "use keepdim=True (or [:, None]).": lambda: before - before.mean(dim=1),
                "you subtracted each column's mean (dim=0); each ROW's mean is asked for.":
                    lambda: before - before.mean(dim=0, keepdim=True),
                "you subtracted the mean of the whole matrix; each row needs its own mean.":
                    lambda: before - before.mean(),
            },
        )
        expect_close(x, before, what="the input x after center_rows(x)",
                     hint="an in-place op (x -= ..., x.sub_) changed the caller's tensor; return a new one.")


def test_center_rows_transposed_input(exercise):
    torch.manual_seed(1)
    x = torch.randn(5, 3).t()  # shape (3, 5), not contiguous
    expect_close(exercise.center_rows(x), x - x.mean(dim=1, keepdim=True),
                 what="center_rows(x) for a transposed (non-contiguous) x of shape (3, 5)")
