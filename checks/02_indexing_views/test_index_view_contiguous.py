import torch

from dlings.testing import expect_close
from support_02_indexing_views import noncontig

SHAPES = [(2, 3), (4, 4), (5, 1), (3, 7)]


def check(exercise, x, what):
    want = torch.stack([x[:, j] for j in range(x.shape[1])]).reshape(-1)
    expect_close(exercise.column_major(x), want, what=what, mistakes={
        "that is x read row by row. x.reshape(-1), x.flatten() and x.view(M, N) never move numbers around "
        "(view(M, N) only reinterprets the same row-major memory; it is not a transpose): transpose with x.t() first.":
            x.reshape(-1),
        "you transposed but did not flatten: the result should be 1-D.": x.t(),
    })


def test_contiguous_input(exercise):
    torch.manual_seed(0)
    for shape in SHAPES:
        check(exercise, torch.randn(shape), f"column_major(x) for x of shape {shape}")


def test_non_contiguous_input(exercise):
    torch.manual_seed(1)
    for shape in SHAPES:
        x = noncontig(torch.randn(shape))
        check(exercise, x, f"column_major(x) for a non-contiguous x of shape {shape} (a slice x = y[:, ::2])")
        y = torch.randn(shape[::-1]).t()
        check(exercise, y, f"column_major(x) for x = y.t() of shape {shape}")
