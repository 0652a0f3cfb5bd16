import torch
import torch.nn.functional as F

from dlings.testing import expect_close, expect_meta_call, expect_not_calling, forbid_calls
from support_03_math_ops import call

WHY = "compute the norm yourself (torch.linalg.vector_norm or x.norm) and divide."


def _inputs():
    g = torch.Generator().manual_seed(0)
    yield "x of shape (4, 4)", torch.randn(4, 4, generator=g) * 5
    yield "x of shape (3, 5)", torch.randn(3, 5, generator=g)
    yield "x of shape (2, 3, 4)", torch.randn(2, 3, 4, generator=g) * 0.01
    yield "a transposed (non-contiguous) x of shape (3, 4, 5)", torch.randn(4, 3, 5, generator=g).transpose(0, 1)
    x = torch.randn(5, 3, generator=g)
    x[2] = 0.0
    yield "x of shape (5, 3) whose row 2 is all zeros", x
    yield "a single vector x of shape (6,)", torch.randn(6, generator=g)
    yield "x of shape (1, 4)", torch.randn(1, 4, generator=g)
    yield "x of shape (4, 1) (vectors of length 1)", torch.randn(4, 1, generator=g)


def test_normalize_rows(exercise):
    for label, x in _inputs():
        with forbid_calls(["torch.nn.functional.normalize"], why=WHY):
            got = call(exercise.normalize_rows, x)
        norm = x.pow(2).sum(-1, keepdim=True).sqrt()
        expect_close(
            got, F.normalize(x, dim=-1), what=f"normalize_rows(x) for {label}", rtol=1e-5, atol=1e-6,
            mistakes={
                "the norm was computed without keepdim=True: it has one dim fewer, so broadcasting lines it up with the "
                "last dim instead of with each row.":
                    lambda: x / norm.squeeze(-1) if x.shape[-1] == x.shape[-2] else None,
                "you divided by the norm of the WHOLE tensor; each vector along the last dim needs its own norm.":
                    lambda: x / x.norm(),
                "you divided by the sum of squares: the L2 norm is its square root.": lambda: x / (norm ** 2),
                "that is the L1 norm (sum of absolute values); this asks for L2 (square root of the sum of squares).":
                    lambda: x / x.abs().sum(-1, keepdim=True),
                "the norms were taken along dim 0 (down the columns); each vector lies along the LAST dim.":
                    lambda: x / x.norm(dim=0, keepdim=True) if x.dim() == 2 else None,
            },
            hint=("a zero vector gave 0 / 0 = NaN: never divide by less than eps "
                  "(norm.clamp(min=eps), or torch.maximum with eps)." if "zeros" in label else None),
        )


def test_eps_is_a_floor_for_the_norm(exercise):
    # With the default eps = 1e-12, adding eps to the norm (or inside the sqrt) cannot be told apart from
    # clamping; a large eps can. Rows here have norms both below and above eps.
    g = torch.Generator().manual_seed(1)
    x = torch.randn(6, 4, generator=g) * torch.tensor([0.01, 0.1, 0.3, 1.0, 3.0, 0.0])[:, None]
    for eps in (0.5, 2.0):
        with forbid_calls(["torch.nn.functional.normalize"], why=WHY):
            got = call(exercise.normalize_rows, x, eps=eps)
        norm = x.norm(dim=-1, keepdim=True)
        expect_close(
            got, F.normalize(x, dim=-1, eps=eps), what=f"normalize_rows(x, eps={eps}) for rows with norms "
            f"{[round(v, 3) for v in norm.squeeze(-1).tolist()]}", rtol=1e-5, atol=1e-6,
            mistakes={
                "eps was added to the norm (x / (norm + eps)); the formula divides by max(norm, eps): a vector "
                "longer than eps must still come out with length 1. Clamp: norm.clamp(min=eps).":
                    lambda: x / (norm + eps),
                "eps went inside the square root (sqrt(sum of squares + eps)); the formula divides by "
                "max(norm, eps): norm.clamp(min=eps).": lambda: x / (x.pow(2).sum(-1, keepdim=True) + eps).sqrt(),
                "the eps argument is ignored (a fixed 1e-12, or no floor at all): use the eps the caller passes.":
                    lambda: F.normalize(x, dim=-1),
            },
        )


def test_follows_the_input_device(exercise):
    expect_meta_call(exercise.normalize_rows, (3, 4), reference=lambda x: F.normalize(x, dim=-1),
                     what="normalize_rows(x)")


def test_no_builtin_normalize(exercise):
    expect_not_calling(exercise.normalize_rows, ["normalize"], why=WHY)
