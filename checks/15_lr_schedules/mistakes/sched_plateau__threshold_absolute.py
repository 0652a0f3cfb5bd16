import torch


def make_plateau(optimizer):
    # only count a real improvement, not noise
    return torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, mode="max", factor=0.2, patience=2, min_lr=1e-4,
                                                      threshold=0.05, threshold_mode="abs")


def epoch_lrs(optimizer, scheduler, accuracies):
    lrs = []
    for acc in accuracies:
        lrs.append(optimizer.param_groups[0]["lr"])
        scheduler.step(acc)
    return lrs
