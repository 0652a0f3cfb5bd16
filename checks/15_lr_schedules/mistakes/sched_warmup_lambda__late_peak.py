import torch


def make_warmup(optimizer, warmup_steps):
    # linear from 0 to 1 over the warm-up, then flat
    return torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=1.0 / warmup_steps, end_factor=1.0,
                                             total_iters=warmup_steps)
