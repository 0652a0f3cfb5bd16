"""autograd_retain_grad: gradients of intermediate (non-leaf) tensors.

Only leaves get a `.grad` by default: the gradients of intermediate results
are used during backward and then thrown away (their `.grad` stays None).
Call `t.retain_grad()` on a non-leaf, before backward, to keep it.

`hidden_and_weight_grads(x, w)` computes h = tanh(x @ w), loss = sum(h ** 2),
and returns (w.grad, h.grad). `w` is a leaf that requires grad. h.grad comes
back as None: fix that without changing the maths.

Read: Tensor.retain_grad, Tensor.is_leaf
"""
import torch


def hidden_and_weight_grads(x, w):
    h = torch.tanh(x @ w)
    h.retain_grad()
    loss = (h ** 2).sum()
    loss.backward()
    return w.grad, h.grad


if __name__ == "__main__":
    w = torch.randn(3, 2, requires_grad=True)
    gw, gh = hidden_and_weight_grads(torch.randn(4, 3), w)
    print("dloss/dw:", gw, "\ndloss/dh:", gh)
