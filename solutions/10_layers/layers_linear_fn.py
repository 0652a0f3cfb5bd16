"""layers_linear_fn: what a Linear layer computes.

nn.Linear(in_features, out_features) holds a weight of shape
(out_features, in_features) and a bias of shape (out_features,). For an input
x of shape (..., in_features) it returns x @ weight.T + bias, of shape
(..., out_features): any number of leading dimensions is allowed.

Write `linear(x, weight, bias)`; `bias` may be None (no bias).
Not allowed: torch.nn.functional.linear, torch.addmm, nn.Linear (the check forbids them).

Read: torch.nn.Linear, torch.matmul
"""
import torch


def linear(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None) -> torch.Tensor:
    # TODO: x @ weight transposed, plus the bias when there is one
    out = x @ weight.T
    if bias is not None:
        out = out + bias
    return out


if __name__ == "__main__":
    x = torch.randn(2, 3)
    w, b = torch.randn(4, 3), torch.randn(4)
    print(linear(x, w, b).shape)  # torch.Size([2, 4])
