import torch


def make_scheduler(optimizer):
    return torch.optim.lr_scheduler.MultiStepLR(optimizer, milestones=[4, 8], gamma=0.5)


def step_lr_at(base_lr, step_size, gamma, epoch):
    return base_lr * gamma ** (epoch // step_size)
