"""autograd_func_hessian: gradients as functions, with torch.func.

torch.func treats differentiation as a function transform: `grad(f)` is a
new function returning df/dx, `hessian(f)` one returning the matrix of second
derivatives. No requires_grad, no .grad, nothing to zero.

Make `newton_step(f, x)` return one Newton step for minimising f:
    x_new = x - H^-1 g,   g = gradient of f at x,  H = Hessian of f at x
for f mapping a 1-D tensor to a scalar. Solve the linear system rather than
inverting H (torch.linalg.solve); H is not diagonal in general.

Read: torch.func.grad, torch.func.hessian, torch.linalg.solve
"""
import torch
from torch.func import grad, hessian


def newton_step(f, x):
    # TODO: g and H of f at x, then the Newton step
    raise NotImplementedError


if __name__ == "__main__":
    a, b = torch.tensor([[2.0, 1.0], [1.0, 3.0]]), torch.tensor([1.0, 2.0])
    f = lambda t: 0.5 * t @ a @ t - b @ t     # quadratic: one step lands on the minimum
    print(newton_step(f, torch.zeros(2)), torch.linalg.solve(a, b))
