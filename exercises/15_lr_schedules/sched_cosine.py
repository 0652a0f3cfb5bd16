"""sched_cosine: cosine annealing over the whole run.

CosineAnnealingLR lowers each group's lr from its initial value to eta_min
along half a cosine, over T_max calls of scheduler.step(); past T_max it
climbs back up. T_max is counted in scheduler.step() calls, not in epochs.
Write make_cosine(optimizer, epochs, steps_per_epoch, lr_min) for a loop that
steps the scheduler once per batch: the first batch trains at the optimizer's
lr, the lr falls all the way without ever rising, and after the scheduler.step()
of the run's last batch (epochs * steps_per_epoch batches in all) it is
exactly lr_min.

Read: torch.optim.lr_scheduler.CosineAnnealingLR
"""
import torch


def make_cosine(optimizer, epochs, steps_per_epoch, lr_min):
    # TODO
    ...


if __name__ == "__main__":
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
    sched = make_cosine(opt, epochs=3, steps_per_epoch=4, lr_min=0.001)
    for step in range(12):
        print(step, round(opt.param_groups[0]["lr"], 5))
        opt.step()
        sched.step()
    print("after the run:", opt.param_groups[0]["lr"])
