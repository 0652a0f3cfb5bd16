"""ext_custom_op: turn a Python function into a real PyTorch operator.

np_sinh computes sinh in NumPy: code PyTorch cannot look into, so autograd,
fake tensors (shapes without data) and torch.compile all stop at it.
Register it as the operator "dlings::np_sinh" (it changes none of its
inputs), then teach PyTorch the rest:
- a fake implementation: the output's shape, dtype and device, no data;
- a backward: d sinh(x)/dx = cosh(x), in torch ops (backward is traced
  with fake tensors too, so NumPy cannot run there).
torch.library.opcheck(np_sinh, (x,)) must pass, for float32 and float64.

Read: torch.library.custom_op, register_fake, register_autograd,
torch.library.opcheck, "Python Custom Operators"
"""
import numpy as np
import torch


@torch.library.custom_op("dlings::np_sinh", mutates_args=())
def np_sinh(x: torch.Tensor) -> torch.Tensor:
    return torch.from_numpy(np.sinh(x.numpy(force=True))).to(x.device)


@np_sinh.register_fake
def _(x):
    return torch.empty_like(x)


def setup_context(ctx, inputs, output):
    (x,) = inputs
    ctx.save_for_backward(x)


def backward(ctx, grad):
    (x,) = ctx.saved_tensors
    return grad * torch.cosh(x)


np_sinh.register_autograd(backward, setup_context=setup_context)


if __name__ == "__main__":
    x = torch.linspace(-2, 2, 5, requires_grad=True)
    np_sinh(x).sum().backward()
    print("grad", x.grad)
    print(torch.library.opcheck(np_sinh, (torch.randn(3, requires_grad=True),)))
