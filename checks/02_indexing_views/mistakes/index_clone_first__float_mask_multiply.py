import torch
def cutout(img, top, left, size):
    mask = torch.ones(img.shape[-2:])
    mask[top:top + size, left:left + size] = 0
    return img * mask
