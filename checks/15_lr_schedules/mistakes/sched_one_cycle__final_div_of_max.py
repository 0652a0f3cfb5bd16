import torch


def make_one_cycle(optimizer, max_lr, epochs, steps_per_epoch):
    # start max_lr / 10, end max_lr / 10_000
    return torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=max_lr, epochs=epochs,
                                               steps_per_epoch=steps_per_epoch, div_factor=10,
                                               final_div_factor=10_000)
