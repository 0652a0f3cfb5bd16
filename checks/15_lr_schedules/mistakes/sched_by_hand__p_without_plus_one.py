import math


def lr_at(step, base_lr, warmup_steps, total_steps, lr_min):
    if step < warmup_steps:
        return base_lr * (step + 1) / warmup_steps
    if step >= total_steps:
        return lr_min
    p = (step - warmup_steps) / (total_steps - warmup_steps)
    return lr_min + (base_lr - lr_min) * (1 + math.cos(math.pi * p)) / 2
