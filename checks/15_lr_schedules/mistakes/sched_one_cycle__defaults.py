import torch


def make_one_cycle(optimizer, max_lr, epochs, steps_per_epoch):
    return torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=max_lr, epochs=epochs,
                                               steps_per_epoch=steps_per_epoch)
