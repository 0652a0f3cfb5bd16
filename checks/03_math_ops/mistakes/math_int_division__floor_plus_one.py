import torch


def pages_needed(items: torch.Tensor, per_page: torch.Tensor) -> torch.Tensor:
    return items // per_page + 1
