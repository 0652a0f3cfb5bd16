"""amp_scaler_accumulation: gradient accumulation with a GradScaler.

When a batch does not fit in memory, split it into micro-batches: backward
on each adds its gradients into .grad, and one optimizer step follows
(14_training_loop, gradient accumulation). With a GradScaler, the whole
sum must be built under ONE scale: scale(loss).backward() per micro-batch,
but unscale_, clipping, scaler.step and scaler.update once per step, after
the last micro-batch (a step after each micro-batch is no accumulation at
all, and an inf in any micro-batch must skip the whole step).

Write `accumulated_step(model, optimizer, scaler, micro_batches, max_norm)`:
one optimizer step from a list of (x, y) micro-batches of equal size
(clear the model's old gradients first), each forward and cross-entropy
loss under float16 autocast on x's device, each loss divided by the number
of micro-batches (so the gradients add up to those of the mean loss); clip the total gradient norm to max_norm once
they are unscaled. Return the mean of the micro-batch losses, a float.

Read: torch.amp.GradScaler, "Automatic Mixed Precision examples"
(gradient accumulation)
"""
import torch
import torch.nn.functional as F
from torch import nn


def accumulated_step(model: nn.Module, optimizer: torch.optim.Optimizer, scaler: torch.amp.GradScaler,
                     micro_batches, max_norm: float) -> float:
    # TODO: zero_grad; backward on each scaled micro-batch loss; then unscale_, clip, step and update once
    ...


if __name__ == "__main__":
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 3))
    opt = torch.optim.SGD(model.parameters(), lr=0.5)
    scaler = torch.amp.GradScaler("cpu", init_scale=2.0**10)
    x, y = torch.randn(64, 4), torch.randint(0, 3, (64,))
    micro = list(zip(x.split(16), y.split(16)))
    for _ in range(5):
        print(round(accumulated_step(model, opt, scaler, micro, max_norm=1.0), 4), scaler.get_scale())
