"""bcast_column_trap: (n, 1) minus (n,) is (n, n).

A model with one output gives predictions of shape (n, 1); the targets are
usually a plain vector of shape (n,). `pred - target` then broadcasts to an
(n, n) matrix of every prediction minus every target: no error, just a
wrong loss (nn.MSELoss only warns).

Make `mse(pred, target)` return the mean squared error as a 0-dim tensor,
pairing pred[i] with target[i]. Fix the shapes first.

Read: torch.squeeze, torch.Tensor.view, torch.nn.functional.mse_loss.
"""
import torch


def mse(pred: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    return ((pred.squeeze(1) - target) ** 2).mean()


if __name__ == "__main__":
    pred = torch.tensor([[1.0], [2.0], [3.0]])
    target = torch.tensor([1.0, 2.0, 3.0])
    print(mse(pred, target))  # a perfect prediction: should print 0
