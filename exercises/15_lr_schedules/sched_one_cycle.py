"""sched_one_cycle: the whole run as one cycle with OneCycleLR.

OneCycleLR warms the lr up to max_lr and then anneals it far below where it
started, over a run whose length it must know in advance; it also moves the
optimizer's momentum the opposite way. It is stepped once per batch.
Write make_one_cycle(optimizer, max_lr, epochs, steps_per_epoch) for a run of
epochs * steps_per_epoch batches, with this plan:
  - the first batch trains at max_lr / 10;
  - the lr rises to max_lr over the first 30 % of the batches, then falls
    for the rest of the run, both along cosine curves;
  - the last batch trains at max_lr / 10_000;
  - momentum goes from 0.95 down to 0.85 and back (OneCycleLR's defaults).

Read: torch.optim.lr_scheduler.OneCycleLR (every argument's description)
"""
import torch


def make_one_cycle(optimizer, max_lr, epochs, steps_per_epoch):
    # TODO
    ...


if __name__ == "__main__":
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1, momentum=0.9)
    sched = make_one_cycle(opt, max_lr=1.0, epochs=2, steps_per_epoch=10)
    for step in range(20):
        group = opt.param_groups[0]
        print(step, round(group["lr"], 5), round(group["momentum"], 4))
        opt.step()
        sched.step()
