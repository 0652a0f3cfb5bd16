import torch
def to_uint8_image(x):
    x.mul_(255).round_().clamp_(0, 255)
    return x.to(torch.uint8)
