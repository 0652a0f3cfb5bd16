from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR, SequentialLR


def make_warmup_cosine(optimizer, warmup_steps, total_steps, lr_min):
    warmup = LinearLR(optimizer, total_iters=warmup_steps)
    cosine = CosineAnnealingLR(optimizer, T_max=total_steps - warmup_steps, eta_min=lr_min)
    return SequentialLR(optimizer, [warmup, cosine], milestones=[warmup_steps])
