import torch

from dlings.testing import expect_close

SHAPES = [(4, 4), (5, 7), (3, 3), (6, 2)]


def test_last_column(exercise):
    torch.manual_seed(0)
    for shape in SHAPES:
        x = torch.randn(shape)
        expect_close(exercise.last_column(x), x[:, -1], what=f"last_column(x) for x of shape {shape}", mistakes={
            "x[-1] is the last ROW; the column index comes second: x[:, -1].": x[-1],
            "x[:, -1:] is a slice, so it keeps the column dimension (N, 1); an integer index drops it.": x[:, -1:],
            "x[:, 0] is the first column; the last one is -1.": x[:, 0],
        })


def test_inner(exercise):
    torch.manual_seed(1)
    for shape in SHAPES[:3]:
        x = torch.randn(shape)
        expect_close(exercise.inner(x), x[1:-1, 1:-1], what=f"inner(x) for x of shape {shape}", mistakes={
            "the stop of a slice is excluded: 1:-2 also drops the second-to-last row/column; use 1:-1.": x[1:-2, 1:-2],
            "you removed only the first row and column; the border includes the last ones too.": x[1:, 1:],
            "you removed only the last row and column; the border includes the first ones too.": x[:-1, :-1],
        })


def test_every_other_row(exercise):
    torch.manual_seed(2)
    for shape in SHAPES:
        x = torch.randn(shape)
        expect_close(exercise.every_other_row(x), x[::2], what=f"every_other_row(x) for x of shape {shape}", mistakes={
            "x[1::2] starts at row 1; rows 0, 2, 4, ... start at 0: x[::2].": x[1::2],
            "x[:, ::2] takes every other COLUMN; rows come first.": x[:, ::2],
        })
