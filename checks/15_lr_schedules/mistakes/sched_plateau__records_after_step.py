import torch


def make_plateau(optimizer):
    return torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, mode="max", factor=0.2, patience=2, min_lr=1e-4)


def epoch_lrs(optimizer, scheduler, accuracies):
    lrs = []
    for acc in accuracies:
        scheduler.step(acc)
        lrs.append(scheduler.get_last_lr()[0])
    return lrs
