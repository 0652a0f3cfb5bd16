"""autograd_inference_mode: inference_mode vs no_grad.

`torch.inference_mode()` is a stricter, faster `no_grad`: the tensors made
inside it are "inference tensors", which autograd may never use later. Good
for pure prediction; wrong for anything that later feeds a backward pass.

1. `predict` must compute its output under torch.inference_mode().
2. `head_grad` trains only `head`: the frozen backbone's features must not
   be recorded, but they do feed the loss, and it crashes. Fix it so that it
   returns head.grad and leaves backbone.grad untouched (None).

Read: torch.inference_mode, torch.no_grad, Tensor.is_inference
"""
import torch


def predict(backbone, head, x):
    # TODO: the same computation as below, in inference mode, returning relu(x @ backbone) @ head
    ...


def head_grad(backbone, head, x, y):
    with torch.inference_mode():   # TODO: the features feed a backward pass
        features = torch.relu(x @ backbone)
    loss = ((features @ head - y) ** 2).mean()
    loss.backward()
    return head.grad


if __name__ == "__main__":
    backbone, head = torch.randn(3, 4, requires_grad=True), torch.randn(4, requires_grad=True)
    x, y = torch.randn(5, 3), torch.randn(5)
    print(predict(backbone, head, x).is_inference(), head_grad(backbone, head, x, y))
