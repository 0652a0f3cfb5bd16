import torch


def sort_by_column(table: torch.Tensor, col: int) -> torch.Tensor:
    return table.sort(dim=0).values
