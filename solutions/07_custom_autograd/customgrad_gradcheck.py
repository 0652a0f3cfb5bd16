"""customgrad_gradcheck: let torch test your backward.

torch.autograd.gradcheck compares the gradients your backward returns with
finite differences (f(x+eps) - f(x-eps)) / 2eps. It needs float64 inputs
(float32 is too coarse for that difference) that require grad.

Write backward_is_correct(fn, *shapes): make one random float64 tensor with
requires_grad=True per shape, drawn with torch.randn (values of both signs:
a backward can be wrong for negative inputs only, and torch.rand's [0, 1)
would never see it), run gradcheck on fn with them, and return True or
False (pass raise_exception=False instead of letting it raise).

Read: torch.autograd.gradcheck, "Gradcheck mechanics" in the autograd notes
"""
import torch


def backward_is_correct(fn, *shapes) -> bool:
    inputs = tuple(torch.randn(shape, dtype=torch.float64, requires_grad=True) for shape in shapes)
    return torch.autograd.gradcheck(fn, inputs, raise_exception=False)


class BadSigmoid(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        s = torch.sigmoid(x)
        ctx.save_for_backward(s)
        return s

    @staticmethod
    def backward(ctx, grad_out):
        (s,) = ctx.saved_tensors
        return grad_out * s * (1 + s)  # the derivative is s * (1 - s)


if __name__ == "__main__":
    print("torch.sin:", backward_is_correct(torch.sin, (3, 2)))
    print("BadSigmoid:", backward_is_correct(BadSigmoid.apply, (4,)))
