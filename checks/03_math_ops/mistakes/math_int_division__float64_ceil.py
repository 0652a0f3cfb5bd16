import torch


def pages_needed(items: torch.Tensor, per_page: torch.Tensor) -> torch.Tensor:
    return torch.ceil(items.double() / per_page.double()).long()
