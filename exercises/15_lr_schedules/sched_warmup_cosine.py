"""sched_warmup_cosine: warm-up, then cosine, chained with SequentialLR.

SequentialLR runs one scheduler, then hands over to the next at a milestone
(counted in scheduler.step() calls). Write make_warmup_cosine(optimizer,
warmup_steps, total_steps, lr_min), stepped once per batch, for this plan
(lr is each group's own initial lr, s the scheduler.step() calls so far):
  - s = 0 .. warmup_steps: linear from lr / 10 at s = 0 up to lr at
    s = warmup_steps (LinearLR);
  - s = warmup_steps .. total_steps: half a cosine from lr down to lr_min,
    reached exactly at s = total_steps (CosineAnnealingLR).
So the lr peaks at s = warmup_steps and nowhere else. 1 <= warmup_steps < total_steps.

Read: torch.optim.lr_scheduler.SequentialLR, LinearLR, CosineAnnealingLR
"""
import torch
from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR, SequentialLR


def make_warmup_cosine(optimizer, warmup_steps, total_steps, lr_min):
    # TODO: a LinearLR, a CosineAnnealingLR, and a SequentialLR that chains them
    ...


if __name__ == "__main__":
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=1.0)
    sched = make_warmup_cosine(opt, warmup_steps=3, total_steps=10, lr_min=0.01)
    for s in range(11):
        print(s, round(opt.param_groups[0]["lr"], 4))
        opt.step()
        sched.step()
