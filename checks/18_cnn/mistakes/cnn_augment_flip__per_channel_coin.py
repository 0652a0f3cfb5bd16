import torch


def random_hflip(images: torch.Tensor) -> torch.Tensor:
    flip = torch.rand(images.shape[0], images.shape[1], 1, 1) < 0.5
    return torch.where(flip, images.flip(-1), images)
