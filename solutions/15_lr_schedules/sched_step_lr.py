"""sched_step_lr: drop the learning rate in steps.

A scheduler changes optimizer.param_groups[i]["lr"] each time you call
scheduler.step(); here it is called once per epoch. StepLR multiplies every
group's lr by gamma once every step_size epochs.
1. make_scheduler(optimizer): a StepLR that halves the lr every 4 epochs.
   With lr 0.1: epochs 0-3 train at 0.1, epochs 4-7 at 0.05, 8-11 at 0.025,
   and so on for as long as it runs (each param group from its own lr).
2. step_lr_at(base_lr, step_size, gamma, epoch): the lr that StepLR gives
   epoch `epoch` (0 is the first), as a Python float. Work it out with
   arithmetic: how many drops have happened by that epoch?

Read: torch.optim.lr_scheduler.StepLR, LRScheduler.get_last_lr
"""
import torch


def make_scheduler(optimizer):
    return torch.optim.lr_scheduler.StepLR(optimizer, step_size=4, gamma=0.5)


def step_lr_at(base_lr, step_size, gamma, epoch):
    return base_lr * gamma ** (epoch // step_size)


if __name__ == "__main__":
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
    sched = make_scheduler(opt)
    for epoch in range(12):
        print(epoch, opt.param_groups[0]["lr"], step_lr_at(0.1, 4, 0.5, epoch))
        opt.step()
        sched.step()
