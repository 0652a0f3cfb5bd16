"""autograd_grad_function: gradients returned, not stored.

`torch.autograd.grad(outputs, inputs)` computes the same gradients as
backward() but RETURNS them as a tuple and leaves every `.grad` alone: handy
when `.grad` is busy (gradients being accumulated for an optimizer step) or
when you want a gradient as a value inside a formula.

Make `param_grads(loss_fn, params)` return a tuple holding d loss / d p for
each p in params, in order, without changing any p.grad. A parameter the
loss does not use gets a tensor of zeros (see allow_unused= and
materialize_grads=).

Read: torch.autograd.grad
"""
import torch


def param_grads(loss_fn, params):
    loss = loss_fn()
    # TODO: the gradients of loss w.r.t. params, returned, with every p.grad left as it is
    ...


if __name__ == "__main__":
    w = torch.tensor([1.0, 2.0], requires_grad=True)
    b = torch.tensor(0.5, requires_grad=True)
    print(param_grads(lambda: (w ** 2).sum() + 3 * b, [w, b]), w.grad)   # (tensor([2., 4.]), tensor(3.)) None
