import math


def lr_at(step, base_lr, warmup_steps, total_steps, lr_min):
    if step < warmup_steps:
        return base_lr * (step + 1) / warmup_steps
    p = min(1.0, (step - warmup_steps + 1) / (total_steps - warmup_steps))
    return base_lr * (1 + math.cos(math.pi * p)) / 2
