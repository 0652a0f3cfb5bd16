import torch

from dlings.testing import expect_close, expect_not_calling, fail

WHY = "build the table from unsqueeze (or [:, None]) and broadcasting *."


def test_scale_rows(exercise):
    torch.manual_seed(0)
    for n, m in [(4, 4), (3, 5), (1, 6), (6, 2)]:
        x, w = torch.randn(n, m), torch.randn(n)
        try:
            got = exercise.scale_rows(x, w)
        except RuntimeError as e:
            if "must match the size" in str(e):
                fail(f"scale_rows(x, w) for x of shape {(n, m)} and w of shape {(n,)} raised:\n  {e}",
                     hint="x * w lines w up with the LAST dim of x (the columns). Make w a column, (N, 1): w.unsqueeze(1).")
            raise
        expect_close(got, x * w[:, None], what=f"scale_rows(x, w) for x of shape {(n, m)}", mistakes={
            "x * w (or w.unsqueeze(0)) broadcasts w along the columns: column j got multiplied by w[j]. "
            "Broadcasting matches dims from the right, so make w a column: w.unsqueeze(1).": x * w if n == m else None,
        })


def test_outer(exercise):
    torch.manual_seed(1)
    for n, m in [(5, 5), (3, 4), (1, 3), (4, 1)]:
        a, b = torch.randn(n), torch.randn(m)
        expect_close(exercise.outer(a, b), a[:, None] * b[None, :], what=f"outer(a, b) for len(a)={n}, len(b)={m}", mistakes={
            "a * b multiplies element by element; give a a column dim and b a row dim first.": a * b if n == m else None,
            "rows and columns are swapped: a[i] should pick the ROW, so a gets the new dim at position 1 (a[:, None]).":
                (b[:, None] * a[None, :]) if n == m else None,
        })


def test_no_outer_shortcut(exercise):
    expect_not_calling(exercise.outer, ["outer", "ger", "einsum", "matmul", "mm"], why=WHY)
