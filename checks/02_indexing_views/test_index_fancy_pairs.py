import torch

from dlings.testing import expect_close, no_loops


def test_pick_values(exercise):
    torch.manual_seed(0)
    for (n, m), k in [((5, 5), 5), ((4, 7), 6), ((6, 6), 3), ((3, 2), 1)]:
        x = torch.randn(n, m)
        rows = torch.randint(0, n, (k,))
        cols = torch.randint(0, min(n, m), (k,))
        mistakes = {
            "x[rows][:, cols] indexes twice, so it takes EVERY (row, col) combination; index once, x[rows, cols], to pair them up.":
                x[rows][:, cols],
        }
        if n == m:
            mistakes["rows and cols are swapped: the row index comes first."] = x[cols, rows]
        expect_close(exercise.pick(x, rows, cols), x[rows, cols],
                     what=f"pick(x, rows, cols) for x of shape {(n, m)} and {k} pairs", mistakes=mistakes)


def test_no_python_loop(exercise):
    no_loops(exercise.pick)
