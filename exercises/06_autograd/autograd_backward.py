"""autograd_backward: let autograd differentiate for you.

`loss.backward()` walks the graph from a scalar `loss` back to the leaves
and stores d loss / d leaf in each leaf's `.grad`.

Make `gradient(f, x)` return df/dx at x, where `f` maps a tensor to a scalar
tensor (a formula you do not know in advance). `x` does not require grad and
belongs to the caller: do not change it (no requires_grad_ on it); work on a
tracked copy instead.

Read: Tensor.backward, Tensor.detach, Tensor.clone, Tensor.requires_grad_
"""
import torch


def gradient(f, x):
    # TODO: make a tracked copy of x, compute f on it, call backward, return the copy's .grad
    ...


if __name__ == "__main__":
    x = torch.tensor([1.0, 2.0, 3.0])
    print(gradient(lambda t: (t ** 2).sum(), x))   # tensor([2., 4., 6.])
