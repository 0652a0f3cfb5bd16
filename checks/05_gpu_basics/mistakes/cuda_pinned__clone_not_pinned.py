import torch


def pinned(x: torch.Tensor) -> torch.Tensor:
    return x.clone()


def upload(x: torch.Tensor) -> torch.Tensor:
    return x.to("cuda", non_blocking=True)
