import torch


def make_scheduler(optimizer):
    # four epochs per lr: 0, 1, 2, 3 -> change after 3
    return torch.optim.lr_scheduler.StepLR(optimizer, step_size=3, gamma=0.5)


def step_lr_at(base_lr, step_size, gamma, epoch):
    return base_lr * gamma ** (epoch // step_size)
