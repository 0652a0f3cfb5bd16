import torch


def to_uint8_image(x):
    return (x * 255).round().to(torch.uint8).clamp(0, 255)
