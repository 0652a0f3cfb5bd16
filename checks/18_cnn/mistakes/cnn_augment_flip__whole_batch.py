import torch
from torchvision.transforms import v2


def random_hflip(images: torch.Tensor) -> torch.Tensor:
    return v2.RandomHorizontalFlip(p=0.5)(images)
