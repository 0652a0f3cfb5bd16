"""sched_warmup_lambda: linear warm-up with LambdaLR.

Big steps while the weights are still random can throw a model off; a
warm-up starts with a small lr and raises it linearly. LambdaLR sets each
param group's lr to that group's initial lr times lr_lambda(s), where s is
the number of scheduler.step() calls so far (s = 0 for the first batch).
Write make_warmup(optimizer, warmup_steps), a LambdaLR stepped once per batch:
  - step s < warmup_steps trains at lr * (s + 1) / warmup_steps, so step 0
    already learns (lr / warmup_steps) and step warmup_steps - 1 is at lr;
  - every later step trains at lr (the warm-up never overshoots).
Here lr is each group's own initial lr; warmup_steps >= 1.

Read: torch.optim.lr_scheduler.LambdaLR
"""
import torch


def make_warmup(optimizer, warmup_steps):
    # TODO
    ...


if __name__ == "__main__":
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
    sched = make_warmup(opt, warmup_steps=4)
    for step in range(7):
        print(step, opt.param_groups[0]["lr"])
        opt.step()
        sched.step()
