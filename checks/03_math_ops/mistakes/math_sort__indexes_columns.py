import torch


def sort_by_column(table: torch.Tensor, col: int) -> torch.Tensor:
    order = torch.argsort(table[:, col])
    return table[:, order]
