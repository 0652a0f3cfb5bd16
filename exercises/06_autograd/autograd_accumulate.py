"""autograd_accumulate: accumulating gradients on purpose.

Because backward() adds into `.grad`, you can split a batch too large for
memory into micro-batches, call backward once per micro-batch, and end up
with the full-batch gradient, provided each micro-batch loss is scaled right.

`accumulated_grad(w, x, y, micro_batch)` must return the gradient of the
full-batch loss  mean((x @ w - y) ** 2)  with respect to w, calling backward
once per micro-batch (the last one may be smaller). w.grad starts as None.

Read: Tensor.backward, Tensor.split
"""
import torch


def accumulated_grad(w, x, y, micro_batch):
    for xb, yb in zip(x.split(micro_batch), y.split(micro_batch)):
        # TODO: this micro-batch's share of the full-batch mean loss, then backward
        ...
    return w.grad


if __name__ == "__main__":
    x, y = torch.randn(10, 3), torch.randn(10)
    w = torch.zeros(3, requires_grad=True)
    print(accumulated_grad(w, x, y, 4))
