import torch


def sgd_step_(w: torch.Tensor, lr: float) -> None:
    w = w - lr * w.grad
    w.grad = None
