"""customgrad_grad_reverse: the gradient reversal layer.

In domain-adversarial training (DANN) a feature extractor is trained to
FOOL a domain classifier that sits on top of it. One trick does it: a layer
that is the identity going forward and multiplies the gradient by -lambd
going back. Layers below it climb the loss the layers above descend.

Write GradReverse: forward(ctx, x, lambd) returns x unchanged in value
(x.view_as(x) or x.clone()) and keeps lambd on ctx; backward returns
-lambd * grad_out for x, and None for lambd (a float).

Read: torch.autograd.Function; Ganin & Lempitsky, "Unsupervised Domain
Adaptation by Backpropagation" (2015)
"""
import torch


class GradReverse(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, lambd):
        # TODO
        ...

    @staticmethod
    def backward(ctx, grad_out):
        # TODO: one value per forward input
        raise NotImplementedError


if __name__ == "__main__":
    x = torch.ones(3, requires_grad=True)
    GradReverse.apply(x, 0.5).sum().backward()
    print("x.grad:", x.grad, "(expected -0.5 everywhere)")
