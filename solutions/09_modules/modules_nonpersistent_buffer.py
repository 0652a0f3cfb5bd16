"""modules_nonpersistent_buffer: buffers that are not saved.

A buffer made with `register_buffer(name, tensor, persistent=False)` still
moves with .to()/.double() and shows in .buffers(), but is left out of
state_dict: right for tables rebuilt from the constructor's arguments
(masks, position tables), which would only bloat checkpoints.

Finish PrefixMean(n): build an (n, n) matrix whose row i holds 1/(i+1) in
columns 0..i and zeros after (torch.tril helps), store it as a NON-persistent
buffer named "avg"; forward(x) = x @ avg.T, so output[..., i] is the mean of
x[..., 0..i].

Read: torch.nn.Module.register_buffer (persistent), torch.tril
"""
import torch
from torch import nn


class PrefixMean(nn.Module):
    def __init__(self, n: int):
        super().__init__()
        # TODO: the averaging matrix, registered as a buffer "avg" with persistent=False
        ones = torch.tril(torch.ones(n, n))
        self.register_buffer("avg", ones / ones.sum(dim=1, keepdim=True), persistent=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO: x @ avg.T
        return x @ self.avg.T


if __name__ == "__main__":
    layer = PrefixMean(4)
    print(layer(torch.tensor([1.0, 3.0, 5.0, 7.0])))  # 1, 2, 3, 4
    print("state_dict keys:", list(layer.state_dict()))
