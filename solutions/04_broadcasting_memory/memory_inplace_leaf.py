"""memory_inplace_leaf: updating a parameter in place.

`sgd_step_(w, lr)` gets a leaf tensor w (requires_grad=True) whose .grad
was filled by backward(). Update w IN PLACE to w - lr * w.grad, then zero
the gradient (w.grad.zero_() or w.grad = None), ready for the next step.

Two traps: `w -= ...` on a leaf that requires grad raises an error unless
autograd is switched off with `torch.no_grad()`; and `w = w - ...` only
rebinds the local name: the caller's tensor never changes. The trailing
underscore in the name is PyTorch's convention for "modifies its input".

Read: torch.no_grad, torch.Tensor.sub_, "In-place operations with autograd".
"""
import torch


def sgd_step_(w: torch.Tensor, lr: float) -> None:
    with torch.no_grad():
        w -= lr * w.grad
    w.grad.zero_()


if __name__ == "__main__":
    w = torch.tensor([1.0, -2.0], requires_grad=True)
    for _ in range(3):
        (w ** 2).sum().backward()
        sgd_step_(w, 0.25)
    print(w)  # halves each step: [0.125, -0.25]
