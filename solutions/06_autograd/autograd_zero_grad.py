"""autograd_zero_grad: gradients accumulate until you reset them.

backward() ADDS into `.grad`; it never overwrites. That is why every training
step starts with `optimizer.zero_grad()`. And `.grad` is one tensor updated in
place, so keeping it in a list keeps a reference, not a snapshot.

`grads_per_batch(w, batches)` should return one gradient per (x, y) batch,
each the gradient of that batch's loss alone (w.grad is None when it is
called). Fix the TODO so it does.

Read: https://pytorch.org/docs/stable/notes/autograd.html, Tensor.grad,
Tensor.zero_, Tensor.clone, torch.optim.Optimizer.zero_grad
"""
import torch


def grads_per_batch(w, batches):
    grads = []
    for x, y in batches:
        loss = ((x @ w - y) ** 2).mean()
        loss.backward()
        grads.append(w.grad.clone())
        w.grad.zero_()
    return grads


if __name__ == "__main__":
    w = torch.zeros(2, requires_grad=True)
    batch = (torch.ones(3, 2), torch.ones(3))
    print(grads_per_batch(w, [batch, batch, batch]))   # three equal gradients
