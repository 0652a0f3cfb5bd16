import torch


def normalize(images: torch.Tensor) -> torch.Tensor:
    mean = torch.tensor([0.485, 0.456, 0.406], device="cuda", dtype=images.dtype)
    std = torch.tensor([0.229, 0.224, 0.225], device="cuda", dtype=images.dtype)
    return (images - mean[:, None, None]) / std[:, None, None]
