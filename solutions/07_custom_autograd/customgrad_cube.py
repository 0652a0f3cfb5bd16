"""customgrad_cube: your first torch.autograd.Function.

Autograd knows the derivative of every torch op. A Function lets you say it
yourself: `forward(ctx, x)` computes the result, `backward(ctx, grad_out)`
gets dLoss/dOutput and returns dLoss/dInput (the chain rule is your job).

Write Cube: forward returns x ** 3 and saves x with ctx.save_for_backward;
backward reads it back from ctx.saved_tensors and returns grad_out * 3 * x**2.
The check compares your gradient with autograd's and runs gradcheck.

Read: torch.autograd.Function, "Extending torch.autograd"
(https://pytorch.org/docs/stable/notes/extending.html)
"""
import torch


class Cube(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x ** 3

    @staticmethod
    def backward(ctx, grad_out):
        (x,) = ctx.saved_tensors
        return grad_out * 3 * x ** 2


if __name__ == "__main__":
    x = torch.tensor([1.0, 2.0, -3.0], requires_grad=True)
    Cube.apply(x).sum().backward()
    print("x.grad =", x.grad, "(expected 3 * x**2 = [3, 12, 27])")
