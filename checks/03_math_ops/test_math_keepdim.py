import torch

from dlings.testing import expect_close


def test_center_rows(exercise):
    torch.manual_seed(0)
    # Square shapes first: there the forgotten keepdim gives no error, only wrong numbers.
    for shape in [(3, 3), (5, 5), (4, 7), (1, 6), (6, 1)]:
        x = torch.randn(shape) * 3 + torch.arange(shape[0]).unsqueeze(1) * 10.0
        before = x.clone()
        got = exercise.center_rows(x)
        expect_close(
            got, x - x.mean(dim=1, keepdim=True), what=f"center_rows(x) for x of shape {shape}",
            mistakes={
                "x.mean(dim=1) without keepdim=True has shape (rows,); broadcasting lined it up with the columns, "
                "so element [i, j] got row j's mean. keepdim=True keeps shape (rows, 1).":
                    lambda: x - x.mean(dim=1),
                "you subtracted the column means (dim=0); each ROW's mean is over dim=1.":
                    lambda: x - x.mean(dim=0, keepdim=True),
                "you subtracted the mean of the whole tensor; each row needs its own mean (dim=1).":
                    lambda: x - x.mean(),
            },
        )
        expect_close(x, before, what="x after center_rows(x)",
                     hint="an in-place op (-=, sub_) changed the caller's tensor; return a new one.")
