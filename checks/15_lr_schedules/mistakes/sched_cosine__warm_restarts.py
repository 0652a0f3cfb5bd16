import torch


def make_cosine(optimizer, epochs, steps_per_epoch, lr_min):
    return torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(optimizer, T_0=epochs * steps_per_epoch,
                                                                eta_min=lr_min)
