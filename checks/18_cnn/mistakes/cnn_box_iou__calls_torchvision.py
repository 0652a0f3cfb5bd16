import torch
import torchvision


def box_iou(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return torchvision.ops.box_iou(a, b)
