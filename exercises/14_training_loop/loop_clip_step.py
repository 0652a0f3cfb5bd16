"""loop_clip_step: clipping inside the training step, by norm or by value.

Write train_step(model, loss_fn, optimizer, x, y, max_norm=None, max_value=None):
loop_step's step, with the gradients clipped after backward() and before
optimizer.step() (at most one of the two is given):
  - max_norm: torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)
    rescales all gradients together when their total norm is above max_norm;
  - max_value: torch.nn.utils.clip_grad_value_(model.parameters(), max_value)
    clamps every gradient element into [-max_value, max_value].
Return the total gradient norm BEFORE any clipping, as a Python float: what
clip_grad_norm_ returns. Without max_norm, measure it with
clip_grad_norm_(model.parameters(), float("inf")), which clips nothing.

Read: torch.nn.utils.clip_grad_norm_, torch.nn.utils.clip_grad_value_
"""
import torch
from torch import nn


def train_step(model, loss_fn, optimizer, x, y, max_norm=None, max_value=None):
    # TODO: zero_grad, forward, loss, backward; measure the norm (and clip);
    # step; return the norm measured before clipping, as a float
    ...


if __name__ == "__main__":
    torch.manual_seed(0)
    model = nn.Linear(3, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    x, y = torch.randn(32, 3), torch.randn(32, 1) * 100
    for step in range(3):
        print("grad norm before clipping:", train_step(model, nn.MSELoss(), optimizer, x, y, max_norm=1.0))
