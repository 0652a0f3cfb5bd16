import torch


def make_cosine(optimizer, epochs, steps_per_epoch, lr_min):
    return torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=epochs * steps_per_epoch)
