"""rnn_grad_clip: clip the gradient norm, the usual guard for RNN training.

Backpropagation through many time steps multiplies by the same recurrent
weights again and again, so an RNN's gradient can explode and one step throw
the weights far away. Clipping rescales ALL the gradients together when
their total (L2) norm exceeds max_norm, and leaves them alone otherwise.
Write train_step(model, x, y, optimizer, max_norm): one step on the MSE loss
of model(x) against y, with the gradients of all of model's parameters
clipped to a total norm of max_norm before the update. Return the loss as a
Python float (the loss before the update).

Read: torch.nn.utils.clip_grad_norm_, torch.nn.functional.mse_loss
"""
import torch
import torch.nn.functional as F
from torch import nn


def train_step(model: nn.Module, x: torch.Tensor, y: torch.Tensor, optimizer: torch.optim.Optimizer,
               max_norm: float) -> float:
    # TODO: zero the gradients, loss, backward, clip, step
    optimizer.zero_grad()
    loss = F.mse_loss(model(x), y)
    loss.backward()
    nn.utils.clip_grad_value_(model.parameters(), max_norm)
    optimizer.step()
    return loss.item()


if __name__ == "__main__":
    model = nn.Linear(3, 1)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    print(train_step(model, torch.randn(8, 3), torch.randn(8, 1), opt, max_norm=1.0))
