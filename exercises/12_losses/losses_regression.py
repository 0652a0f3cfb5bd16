"""losses_regression: MSE, MAE and Huber.

For predictions p and targets t of the same shape, and r = p - t:
  mse(p, t)          = mean of r ** 2
  mae(p, t)          = mean of |r|
  huber(p, t, delta) = mean of  0.5 * r ** 2              where |r| <= delta
                                delta * (|r| - 0.5 * delta) where |r| >  delta
Means are over ALL elements. Huber is MSE-like near zero and MAE-like far
away: an outlier pulls on the fit with a force of at most delta, not 2|r|.
(nn.SmoothL1Loss with beta is huber / beta: equal only when delta = 1.)
Build them from tensor operations; torch's loss functions are off limits.

Read: torch.nn.HuberLoss, torch.nn.SmoothL1Loss, torch.where, torch.abs
"""
import torch


def mse(pred: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    # TODO: the mean of the squared differences
    ...


def mae(pred: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    # TODO: the mean of the absolute differences
    ...


def huber(pred: torch.Tensor, target: torch.Tensor, delta: float = 1.0) -> torch.Tensor:
    # TODO: quadratic where |r| <= delta, linear beyond; then the mean
    ...


if __name__ == "__main__":
    p = torch.tensor([0.0, 1.0, 10.0])
    t = torch.zeros(3)
    print(mse(p, t), mae(p, t), huber(p, t))  # 33.667, 3.667, 3.333
