"""autograd_create_graph: differentiate a derivative.

A gradient is normally a plain result with no graph behind it. Pass
`create_graph=True` and autograd records the backward pass itself, so the
gradient can be differentiated again: second derivatives, Hessian-vector
products, gradient penalties.

`f` acts element-wise (y[i] depends on x[i] only). Make
`second_derivative(f, x)` return f''(x), element by element, using autograd
twice (for an element-wise f, the gradient of y.sum() is f'(x)). The check
forbids torch.func and torch.autograd.functional here.

Read: torch.autograd.grad (create_graph=)
"""
import torch


def second_derivative(f, x):
    x = x.detach().clone().requires_grad_(True)
    y = f(x)
    # TODO: f'(x) with a graph of its own, then the derivative of that
    (d1,) = torch.autograd.grad(y.sum(), x, create_graph=True)
    (d2,) = torch.autograd.grad(d1.sum(), x)
    return d2


if __name__ == "__main__":
    print(second_derivative(lambda t: t ** 3, torch.tensor([1.0, 2.0])))   # tensor([ 6., 12.])
