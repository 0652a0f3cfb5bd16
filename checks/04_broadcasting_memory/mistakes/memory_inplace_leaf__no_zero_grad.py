import torch


def sgd_step_(w: torch.Tensor, lr: float) -> None:
    with torch.no_grad():
        w -= lr * w.grad
