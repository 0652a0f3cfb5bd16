"""autograd_vjp: backward() from a non-scalar output.

For y = f(x) with many outputs, the full Jacobian J (dy_i / dx_j) is big.
What backward really computes is a vector-Jacobian product: given a vector v
shaped like y, it returns v^T J (shaped like x). For a scalar loss, v is the
implicit 1.0; for a non-scalar y you must pass it: y.backward(gradient=v).

Make `vjp(f, x, v)` return v^T J, the vector-Jacobian product of f at x
(v has y's shape; the result has x's shape). Leave the caller's x alone.

Read: Tensor.backward (gradient=), https://pytorch.org/docs/stable/notes/autograd.html
"""
import torch


def vjp(f, x, v):
    x = x.detach().clone().requires_grad_(True)
    y = f(x)
    # TODO: back-propagate v (not 1.0) from y, and return the gradient that reaches x
    ...


if __name__ == "__main__":
    x = torch.tensor([1.0, 2.0, 3.0])
    print(vjp(lambda t: t ** 2, x, torch.tensor([1.0, 0.0, 10.0])))   # tensor([ 2.,  0., 60.])
