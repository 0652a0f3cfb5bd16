"""autograd_jacobian: the full Jacobian, one backward pass per row.

Row i of the Jacobian of y = f(x) is the gradient of the single number y[i]
with respect to x: a vector-Jacobian product with v = the i-th unit vector.
Stack the m rows and you have J, of shape (m, n).

Finish `jacobian(f, x)` for a 1-D x of size n and a 1-D f(x) of size m.
Every row reuses the one forward pass, so mind what the first backward frees
(and, with backward(), what accumulates in .grad). The check forbids
torch.autograd.functional.jacobian and the torch.func jac* functions.

Read: torch.autograd.grad (retain_graph=), torch.stack
"""
import torch


def jacobian(f, x):
    x = x.detach().clone().requires_grad_(True)
    y = f(x)
    rows = []
    for i in range(y.numel()):
        # TODO: append row i: the gradient of y[i] with respect to x
        raise NotImplementedError
    return torch.stack(rows)


if __name__ == "__main__":
    print(jacobian(lambda t: t ** 2, torch.tensor([1.0, 2.0, 3.0])))   # diag(2, 4, 6)
