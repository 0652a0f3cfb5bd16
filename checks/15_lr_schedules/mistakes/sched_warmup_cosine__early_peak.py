from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR, SequentialLR


def make_warmup_cosine(optimizer, warmup_steps, total_steps, lr_min):
    # steps 0 .. warmup_steps - 1 are the warm-up
    warmup = LinearLR(optimizer, start_factor=0.1, total_iters=warmup_steps - 1)
    cosine = CosineAnnealingLR(optimizer, T_max=total_steps - warmup_steps, eta_min=lr_min)
    return SequentialLR(optimizer, [warmup, cosine], milestones=[warmup_steps])
