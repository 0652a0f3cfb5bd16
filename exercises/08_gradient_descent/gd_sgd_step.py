"""gd_sgd_step: one step of gradient descent, by hand.

After loss.backward(), every parameter p has p.grad. One SGD step is
    p <- p - lr * p.grad      (in place: the caller's tensor must change)
done inside `with torch.no_grad():` (an update is not part of the model, and
autograd refuses in-place changes of a leaf that requires grad). Then clear
the gradient (p.grad = None, or p.grad.zero_()): backward() ADDS to .grad.
Write sgd_step(params, lr) for a list of parameters. No torch.optim, and
no `.data` (the check looks).

Read: torch.no_grad, torch.Tensor.grad, torch.Tensor.sub_
"""
import torch


def sgd_step(params, lr):
    # TODO
    ...


if __name__ == "__main__":
    w = torch.tensor([1.0, -2.0], requires_grad=True)
    (w ** 2).sum().backward()
    sgd_step([w], lr=0.1)
    print("w", w, "(expected [0.8, -1.6])", "grad", w.grad)
