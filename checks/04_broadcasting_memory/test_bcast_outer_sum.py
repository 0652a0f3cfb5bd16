import torch

from dlings.testing import expect_close, no_loops


def test_outer_sum_values(exercise):
    torch.manual_seed(0)
    for n, m in [(4, 4), (3, 5), (6, 2), (1, 3), (5, 1)]:
        a, b = torch.randn(n), torch.randn(m)
        expect_close(
            exercise.outer_sum(a, b), a.unsqueeze(1) + b.unsqueeze(0),
            what=f"outer_sum(a, b) for a of shape ({n},) and b of shape ({m},)",
            mistakes={
                "a + b adds the vectors element by element (shape (n,)): give `a` a new axis, a[:, None].":
                    (lambda: a + b) if n == m else None,
                "rows and columns are swapped: row i should belong to a[i], so the new axis goes on `a`, "
                "not on `b`.": lambda: b.unsqueeze(1) + a.unsqueeze(0),
                "out[i, j] is a sum a[i] + b[j], not a product.": lambda: a.unsqueeze(1) * b.unsqueeze(0),
            },
        )


def test_outer_sum_keeps_integers(exercise):
    a, b = torch.arange(3), torch.arange(4) * 10
    expect_close(exercise.outer_sum(a, b), a[:, None] + b, what="outer_sum(a, b) for int64 inputs")


def test_no_python_loops(exercise):
    no_loops(exercise.outer_sum)
