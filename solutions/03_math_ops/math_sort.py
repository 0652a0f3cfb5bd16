"""math_sort: sort whole rows by one column.

`table` has shape (rows, cols): one record per row. `sort_by_column(table,
col)` returns the same rows, reordered so that column `col` is ascending.
Each row must stay intact.

The trap: table.sort(dim=0) sorts EVERY column on its own, which scrambles
the records. torch.sort (and torch.argsort) also return the order the
elements came from: sort the one column, keep the indices, and use them to
pick whole rows.

Read: torch.sort, torch.argsort, indexing with a tensor of indices
"""
import torch


def sort_by_column(table: torch.Tensor, col: int) -> torch.Tensor:
    order = table[:, col].argsort()
    return table[order]


if __name__ == "__main__":
    t = torch.tensor([[3.0, 10.0], [1.0, 30.0], [2.0, 20.0]])
    print(sort_by_column(t, 0))  # rows [1, 30], [2, 20], [3, 10]
    print(sort_by_column(t, 1))  # rows [3, 10], [2, 20], [1, 30]
