import torch


def make_plateau(optimizer):
    # 3 epochs in a row without improvement
    return torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, mode="max", factor=0.2, patience=3, min_lr=1e-4)


def epoch_lrs(optimizer, scheduler, accuracies):
    lrs = []
    for acc in accuracies:
        lrs.append(optimizer.param_groups[0]["lr"])
        scheduler.step(acc)
    return lrs
