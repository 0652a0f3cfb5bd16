import torch

from dlings.testing import expect_close
from support_03_math_ops import call

TOL = dict(rtol=1e-5, atol=1e-5)


def test_row_dots(exercise):
    torch.manual_seed(0)
    for n, d in [(4, 3), (3, 3), (1, 5), (6, 1)]:
        a, b = torch.randn(n, d), torch.randn(n, d)
        expect_close(
            call(exercise.row_dots, a, b), (a * b).sum(dim=1), what=f"row_dots(a, b) for a, b of shape {(n, d)}", **TOL,
            mistakes={
                "\"nd,md->nm\" pairs every row of a with every row of b; matching rows share ONE letter: \"nd,nd->n\".":
                    lambda: a @ b.T,
                "\"nd,nd->\" sums everything into one number; keep n in the output.": lambda: (a * b).sum(),
                "\"nd,nd->d\" summed over the rows instead of along them.": lambda: (a * b).sum(dim=0),
                "\"nd,nd->nd\" only multiplies; drop d from the output to sum over it.": lambda: a * b,
            },
        )


def test_outer(exercise):
    torch.manual_seed(1)
    for m, n in [(3, 4), (3, 3), (1, 5)]:
        u, v = torch.randn(m), torch.randn(n)
        expect_close(
            call(exercise.outer, u, v), u[:, None] * v[None, :], what=f"outer(u, v) for u of shape ({m},), v of shape ({n},)",
            **TOL,
            mistakes={
                "the result is transposed: the output letters should be \"ij\" (u's letter first).": lambda: (u[:, None] * v[None, :]).T,
                "\"i,i->\" (or a shared letter) gives a dot product, not an outer product: give u and v different letters.":
                    lambda: (u * v).sum() if m == n else None,
            },
        )


def test_batch_trace(exercise):
    torch.manual_seed(2)
    for b, n in [(2, 3), (3, 3), (1, 5), (4, 1)]:
        A = torch.randn(b, n, n)
        expect_close(
            call(exercise.batch_trace, A), A.diagonal(dim1=1, dim2=2).sum(-1), what=f"batch_trace(A) for A of shape {(b, n, n)}",
            **TOL,
            mistakes={
                "\"bij->b\" sums every entry of each matrix; the trace only takes the diagonal: \"bii->b\".": lambda: A.sum(dim=(1, 2)),
                "\"bii->bi\" gives the diagonal itself; drop i from the output to sum it.": lambda: A.diagonal(dim1=1, dim2=2),
                "\"bii->\" summed over the batch too; keep b in the output.": lambda: A.diagonal(dim1=1, dim2=2).sum(),
            },
        )
