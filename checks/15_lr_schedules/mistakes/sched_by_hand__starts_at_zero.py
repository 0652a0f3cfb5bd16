import math


def lr_at(step, base_lr, warmup_steps, total_steps, lr_min):
    if step < warmup_steps:
        return base_lr * step / warmup_steps
    if step >= total_steps:
        return lr_min
    p = (step - warmup_steps + 1) / (total_steps - warmup_steps)
    return lr_min + (base_lr - lr_min) * (1 + math.cos(math.pi * p)) / 2
