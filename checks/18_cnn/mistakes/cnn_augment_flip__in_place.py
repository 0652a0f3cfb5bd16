import torch


def random_hflip(images: torch.Tensor) -> torch.Tensor:
    flip = torch.rand(images.shape[0]) < 0.5
    images[flip] = images[flip].flip(-1)
    return images
