import torch

from dlings.testing import expect, expect_close


def _inputs():
    torch.manual_seed(0)
    base = torch.randn(4, 6)
    return [
        ("a transposed x, x.t()", base.t()),
        ("every other column, x[:, ::2]", base[:, ::2]),
        ("a permuted 3-D x", torch.randn(2, 3, 4).permute(2, 0, 1)),
    ]


def test_flatten_non_contiguous(exercise):
    for what, x in _inputs():
        got = exercise.flatten(x)
        expect_close(got, x.contiguous().view(-1), what=f"flatten(x) for {what} (shape {tuple(x.shape)})",
                     mistakes={"x.t().reshape(-1) or similar reads the elements in memory order; "
                               "flatten must read them row by row as x shows them.":
                               lambda: x.t().reshape(-1) if x.dim() == 2 else None})


def test_flatten_contiguous_is_a_view(exercise):
    torch.manual_seed(1)
    for shape in [(3, 4), (2, 3, 5), (7,)]:
        x = torch.randn(shape)
        got = exercise.flatten(x)
        expect_close(got, x.view(-1), what=f"flatten(x) for a contiguous x of shape {shape}")
        expect(got.untyped_storage().data_ptr() == x.untyped_storage().data_ptr(),
               f"flatten(x) for a contiguous x of shape {shape} made a copy; it should return a view of x.",
               hint="clone(), torch.tensor(...) or building a new tensor always copies. reshape(-1), flatten() "
                    "and contiguous().view(-1) copy only when x is not contiguous.")
