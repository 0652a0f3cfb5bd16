"""customgrad_needs_input_grad: skip the gradients nobody asked for.

ScaledMul computes scale * x * y, where scale is a plain Python float.
backward must return three things, one per forward input: the gradient for
x, for y, and None for scale (a float has no gradient).
ctx.needs_input_grad is a tuple of bools, one per input: compute a gradient
only when its flag is True and return None otherwise (saves work when, say,
y is a frozen weight). The check calls backward with flags of its choosing.

Read: torch.autograd.function.FunctionCtx.needs_input_grad
"""
import torch


class ScaledMul(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, y, scale):
        ctx.save_for_backward(x, y)
        ctx.scale = scale
        return scale * x * y

    @staticmethod
    def backward(ctx, grad_out):
        x, y = ctx.saved_tensors
        grad_x = grad_y = None
        # TODO: fill grad_x and grad_y, each only if ctx.needs_input_grad says so
        raise NotImplementedError


if __name__ == "__main__":
    x = torch.randn(3, requires_grad=True)
    y = torch.randn(3)                       # needs no gradient
    ScaledMul.apply(x, y, 2.0).sum().backward()
    print("x.grad", x.grad, "should be 2 * y =", 2 * y)
