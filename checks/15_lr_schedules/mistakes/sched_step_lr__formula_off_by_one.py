import torch


def make_scheduler(optimizer):
    return torch.optim.lr_scheduler.StepLR(optimizer, step_size=4, gamma=0.5)


def step_lr_at(base_lr, step_size, gamma, epoch):
    return base_lr * gamma ** ((epoch + 1) // step_size)
