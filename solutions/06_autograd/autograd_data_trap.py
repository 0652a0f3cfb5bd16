"""autograd_data_trap: `.data` silently cuts the graph.

`t.data` is the tensor's values with no autograd attached: whatever you
compute through it (or assign to it) is invisible to backward, and no error
tells you so. The gradients simply come out wrong.

`weight_norm_grad(v, x)` implements weight normalisation: the weight is
w = v / ||v||, out = tanh(x @ w).sum(), and it returns v.grad. The version
below normalises through `.data`, so backward never sees the division (and
it overwrites the caller's v). Fix it so that v.grad is right and v is not
modified.

Read: https://pytorch.org/docs/stable/notes/autograd.html (in-place operations), Tensor.norm
"""
import torch


def weight_norm_grad(v, x):
    w = v / v.norm()
    out = torch.tanh(x @ w).sum()
    out.backward()
    return v.grad


if __name__ == "__main__":
    v = torch.tensor([3.0, 4.0], requires_grad=True)
    print(weight_norm_grad(v, torch.randn(5, 2)), v)
