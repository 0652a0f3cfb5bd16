import torch


def pages_needed(items: torch.Tensor, per_page: torch.Tensor) -> torch.Tensor:
    return torch.ceil(items / per_page).long()
