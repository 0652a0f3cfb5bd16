import torch


def normalize(images: torch.Tensor) -> torch.Tensor:
    mean = torch.tensor([0.485, 0.456, 0.406])
    std = torch.tensor([0.229, 0.224, 0.225])
    out = (images.float().cpu() - mean[:, None, None]) / std[:, None, None]
    return out.to(images.dtype)
