import torch


def make_warmup(optimizer, warmup_steps):
    base = optimizer.param_groups[0]["lr"]

    def lr_at(step):
        if step < warmup_steps:
            return base * (step + 1) / warmup_steps
        return base

    return torch.optim.lr_scheduler.LambdaLR(optimizer, lr_at)
