import torch

from dlings.testing import expect_close, fail


def test_sets_entries_in_place(exercise):
    torch.manual_seed(0)
    for (n, m), rows, col, value in [((4, 3), [0, 2], 1, 7.0), ((6, 5), [5, 1, 1, 3], 4, -2.5), ((3, 3), [2], 0, 9.0)]:
        x = torch.randn(n, m)
        before = x.clone()
        rows = torch.tensor(rows)
        exercise.set_entries_(x, rows, col, value)
        what = f"x of shape {(n, m)} after set_entries_(x, rows={rows.tolist()}, col={col}, value={value})"
        if torch.equal(x, before):
            fail(f"{what} is unchanged: nothing was written into x.",
                 hint="x[rows] with an index tensor is a COPY, so x[rows][:, col] = value (or x[rows, col].fill_(value)) "
                      "writes into a temporary that is thrown away. Put every index in one bracket: x[rows, col] = value.")
        want = before.clone()
        want[rows, col] = value
        whole = before.clone()
        whole[rows] = value
        expect_close(x, want, what=what, mistakes={
            "x[rows] = value overwrites the whole rows; only column `col` of those rows should change.": whole,
        })
