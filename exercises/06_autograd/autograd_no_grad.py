"""autograd_no_grad: update parameters without recording the update.

An optimizer step changes the parameters in place, and that change must not
become part of the graph: autograd even refuses an in-place op on a leaf that
requires grad. Inside `with torch.no_grad():` nothing is recorded.

Make `sgd_step(params, lr)` do  p <- p - lr * p.grad  for every p, in place
(each p must stay the same leaf tensor: optimizers hold references to it),
and then reset p.grad (zero it or set it to None).
The check forbids `.data`: it skips autograd's safety checks; use no_grad.

Read: torch.no_grad, Tensor.sub_ (or -=), Tensor.grad
"""
import torch


def sgd_step(params, lr):
    for p in params:
        # TODO: the in-place update, without autograd recording it; then reset p.grad
        ...


if __name__ == "__main__":
    w = torch.tensor([1.0, -2.0], requires_grad=True)
    (w ** 2).sum().backward()
    sgd_step([w], lr=0.1)
    print(w, w.grad)   # tensor([0.8000, -1.6000], requires_grad=True) and None (or zeros)
