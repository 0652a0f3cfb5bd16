"""sched_plateau: lower the lr when validation stops improving.

ReduceLROnPlateau follows no clock: each epoch you pass it a number,
scheduler.step(metric), and it multiplies the lr by `factor` once that
number has gone too long without a new best.
1. make_plateau(optimizer): the metric is validation ACCURACY (higher is
   better). Right after the 3rd epoch in a row without a new best accuracy,
   the lr is multiplied by 0.2 (and the count starts again from zero); the
   lr never goes below 1e-4.
2. epoch_lrs(optimizer, scheduler, accuracies): one epoch per accuracy, in
   order: record the lr the epoch trained with (param_groups[0]["lr"]),
   then step the scheduler with that epoch's accuracy. Return the lrs.

Read: torch.optim.lr_scheduler.ReduceLROnPlateau (mode, factor, patience, min_lr)
"""
import torch


def make_plateau(optimizer):
    # TODO
    ...


def epoch_lrs(optimizer, scheduler, accuracies):
    # TODO
    ...


if __name__ == "__main__":
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
    accs = [0.5, 0.6, 0.6, 0.6, 0.6, 0.7, 0.7, 0.7, 0.7, 0.7]
    for acc, lr in zip(accs, epoch_lrs(opt, make_plateau(opt), accs)):
        print(f"accuracy {acc:.2f}  trained at lr {lr:.4g}")
