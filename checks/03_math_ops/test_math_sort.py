import torch

from dlings.testing import expect_close
from support_03_math_ops import call


def test_sort_by_column(exercise):
    g = torch.Generator().manual_seed(0)
    for shape, col in [((4, 4), 3), ((5, 3), 1), ((6, 4), 0), ((1, 3), 2), ((7, 1), 0)]:
        table = torch.randn(shape, generator=g)
        before = table.clone()
        order = table[:, col].argsort()
        got = call(exercise.sort_by_column, table, col)
        expect_close(
            got, table[order], what=f"sort_by_column(table, col={col}) for a table of shape {shape}",
            mistakes={
                "table.sort(dim=0) sorted every column on its own, so the rows got mixed up: "
                "sort only column `col` and reorder whole rows with its indices.": lambda: table.sort(dim=0).values,
                "descending order; the column should go up (smallest first).": lambda: table[order.flip(0)],
                "the values inside each row were sorted (dim=1); the rows should be reordered instead.":
                    lambda: table.sort(dim=1).values,
                "you indexed the columns with the order (table[:, order]); pick rows: table[order].":
                    lambda: table[:, order] if shape[0] == shape[1] else None,
            },
        )
        expect_close(table, before, what="the table after sort_by_column",
                     hint="an in-place change (x[...] = ..., x.copy_()) altered the caller's table; return a new tensor.")
