import torch


def sort_by_column(table: torch.Tensor, col: int) -> torch.Tensor:
    values, order = torch.sort(table[:, col], descending=True)
    return table[order]
