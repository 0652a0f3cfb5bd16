"""autograd_detach: stop the gradient exactly where you mean to.

`t.detach()` returns the same values cut off from the graph: gradients do not
flow back through it. Where you put it decides what is trained. In temporal-
difference learning the target is built from the model's own output on the
next state, but it must act as a constant: only the prediction q is pulled
towards it.

`td_grad(w, s, s_next, r, gamma)` returns w.grad for
  q = s @ w,  target = r + gamma * (s_next @ w),  loss = mean((q - target)^2)
with the target treated as a constant. Fix the TODO line.

Read: Tensor.detach, torch.no_grad
"""
import torch


def td_grad(w, s, s_next, r, gamma):
    q = s @ w
    target = (r + gamma * (s_next @ w)).detach()
    loss = ((q - target) ** 2).mean()
    loss.backward()
    return w.grad


if __name__ == "__main__":
    w = torch.randn(3, requires_grad=True)
    print(td_grad(w, torch.randn(4, 3), torch.randn(4, 3), torch.randn(4), 0.9))
