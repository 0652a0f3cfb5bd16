import torch


def bce_with_logits(z, y):
    return (torch.log(1 + torch.exp(z)) - y * z).mean()
