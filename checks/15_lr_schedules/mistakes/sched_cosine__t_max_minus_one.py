import torch


def make_cosine(optimizer, epochs, steps_per_epoch, lr_min):
    # the last step is step number total - 1
    last = epochs * steps_per_epoch - 1
    return torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=last, eta_min=lr_min)
