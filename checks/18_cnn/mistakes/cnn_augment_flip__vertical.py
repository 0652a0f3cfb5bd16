import torch


def random_hflip(images: torch.Tensor) -> torch.Tensor:
    flip = torch.rand(images.shape[0]) < 0.5
    return torch.where(flip[:, None, None, None], images.flip(-2), images)
