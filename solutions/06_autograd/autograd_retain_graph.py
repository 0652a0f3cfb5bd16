"""autograd_retain_graph: two backward passes through one graph.

To save memory, backward() frees the values the graph saved (here tanh's
output) as soon as it has used them. A second backward() through the same
graph then fails, unless the first one was told `retain_graph=True`.

`two_loss_grads(w, x)` runs ONE forward pass (a shared h feeding two losses)
and must return (d loss_a / dw, d loss_b / dw), each for its own loss alone.
`w` is a fresh leaf: w.grad is None when the function is called.
It crashes and would mix the gradients; fix both. Do not recompute h: the
check counts the forward passes.

Read: Tensor.backward (retain_graph=)
"""
import torch


def two_loss_grads(w, x):
    h = torch.tanh(x @ w)
    loss_a = h.sum()
    loss_b = (h ** 2).mean()
    loss_a.backward(retain_graph=True)
    grad_a = w.grad.clone()
    w.grad = None
    loss_b.backward()
    return grad_a, w.grad


if __name__ == "__main__":
    print(two_loss_grads(torch.randn(3, 2, requires_grad=True), torch.randn(4, 3)))
