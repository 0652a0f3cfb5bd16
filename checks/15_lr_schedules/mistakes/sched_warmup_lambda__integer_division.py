import torch


def make_warmup(optimizer, warmup_steps):
    return torch.optim.lr_scheduler.LambdaLR(optimizer, lambda s: min(1, (s + 1) // warmup_steps))
