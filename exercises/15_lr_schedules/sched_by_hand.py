"""sched_by_hand: a schedule as a plain function of the step.

A schedule written as lr_at(step) is easy to plot, to test, and to resume
at any step. Write lr_at(step, base_lr, warmup_steps, total_steps, lr_min)
for a run of total_steps optimizer steps, numbered 0 .. total_steps - 1:
  - warm-up, steps 0 .. warmup_steps - 1: base_lr * (step + 1) / warmup_steps
    (step 0 already learns; the last warm-up step is at base_lr);
  - decay, steps warmup_steps .. total_steps - 1: with
    p = (step - warmup_steps + 1) / (total_steps - warmup_steps),
    lr = lr_min + (base_lr - lr_min) * (1 + cos(pi * p)) / 2,
    so the last step, total_steps - 1, trains at exactly lr_min;
  - any step from total_steps on: lr_min.
0 <= warmup_steps < total_steps (0: no warm-up). Return a Python float.

Read: math.cos, math.pi; your sched_warmup_lambda and sched_cosine
"""
import math


def lr_at(step, base_lr, warmup_steps, total_steps, lr_min):
    # TODO
    ...


if __name__ == "__main__":
    for step in range(12):
        print(step, round(lr_at(step, base_lr=1.0, warmup_steps=3, total_steps=10, lr_min=0.01), 4))
