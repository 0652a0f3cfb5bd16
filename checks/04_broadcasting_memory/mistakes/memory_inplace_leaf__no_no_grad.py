import torch


def sgd_step_(w: torch.Tensor, lr: float) -> None:
    w -= lr * w.grad
    w.grad.zero_()
