import torch

from dlings.testing import expect_close, no_loops
from support_03_math_ops import call


def _reference(x, k):
    return x.unfold(-1, k, 1).mean(-1)


def _along_dim0(x, k):
    if x.dim() < 2 or k > x.shape[0]:
        return None
    c = torch.cat([torch.zeros_like(x[:1]), x.cumsum(0)], dim=0)
    return (c[k:] - c[:-k]) / k


def _cases():
    g = torch.Generator().manual_seed(0)
    yield torch.randn(10, generator=g), 3
    yield torch.randn(4, 8, generator=g), 2
    yield torch.randn(2, 7, generator=g), 7
    yield torch.randn(3, 5, generator=g), 1
    yield torch.randn(6, 5, generator=g).T, 2          # non-contiguous (5, 6)
    yield torch.randn(2, 3, 9, generator=g) + 5, 4


def test_moving_average(exercise):
    for x, k in _cases():
        n = x.shape[-1]
        c = x.cumsum(-1)
        got = call(exercise.moving_average, x, k)
        expect_close(
            got, _reference(x, k), what=f"moving_average(x, k={k}) for x of shape {tuple(x.shape)}", rtol=1e-5, atol=1e-5,
            mistakes={
                "off by one: without a 0 in front of the cumsum, c[k:] - c[:-k] misses the first window "
                "(the result should have n - k + 1 values).": lambda: (c[..., k:] - c[..., :-k]) / k if k < n else None,
                "that is the running mean of everything so far (cumsum / position), not a window of k.":
                    lambda: c / torch.arange(1, n + 1),
                "those are window SUMS: divide by k.": lambda: _reference(x, k) * k,
                "the windows ran along dim 0; they are along the LAST dim (dim=-1, and slices with ...).":
                    lambda: _along_dim0(x, k),
            },
        )


def test_no_loops(exercise):
    no_loops(exercise.moving_average)
