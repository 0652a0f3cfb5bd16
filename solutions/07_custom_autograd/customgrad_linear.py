"""customgrad_linear: a Function with two inputs.

backward returns one gradient per input of forward, in the same order.
For y = x @ W.T with x of shape (N, in) and W of shape (out, in), and
grad_out = dLoss/dy of shape (N, out):
    dLoss/dx = grad_out @ W        (shape (N, in))
    dLoss/dW = grad_out.T @ x      (shape (out, in))
Each gradient has the shape of its input. Write LinearFn.

Read: torch.autograd.Function, "Extending torch.autograd"
"""
import torch


class LinearFn(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, W):
        ctx.save_for_backward(x, W)
        return x @ W.T

    @staticmethod
    def backward(ctx, grad_out):
        x, W = ctx.saved_tensors
        return grad_out @ W, grad_out.T @ x


if __name__ == "__main__":
    x = torch.randn(4, 3, requires_grad=True)
    W = torch.randn(2, 3, requires_grad=True)
    LinearFn.apply(x, W).sum().backward()
    print("x.grad shape", tuple(x.grad.shape), "W.grad shape", tuple(W.grad.shape))
