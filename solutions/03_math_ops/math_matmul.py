"""math_matmul: matrix products with @, not element-wise *.

Write what nn.Linear computes: `linear(x, W, b) = x @ W^T + b`, where
W has shape (out_features, in_features), b has shape (out_features,), and x
has in_features in its LAST dimension: (in,), (batch, in) or even
(batch, tokens, in). The result has out_features in its last dimension.

`*` multiplies element by element; `@` (torch.matmul) is the matrix product
and broadcasts over leading batch dimensions, which torch.mm does not.
Do not call torch.nn.functional.linear or nn.Linear.

Read: torch.matmul, torch.Tensor.T / torch.Tensor.mT
"""
import torch


def linear(x: torch.Tensor, W: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return x @ W.T + b


if __name__ == "__main__":
    W = torch.tensor([[1.0, 0.0], [0.0, 2.0], [1.0, 1.0]])  # 2 features in, 3 out
    print(linear(torch.tensor([[3.0, 4.0]]), W, torch.zeros(3)))  # [[3., 8., 7.]]
