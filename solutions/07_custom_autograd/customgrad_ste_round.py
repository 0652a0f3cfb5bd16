"""customgrad_ste_round: the straight-through estimator.

torch.round has a gradient of zero almost everywhere, so a model that rounds
(quantises) its weights can never learn through it. The straight-through
estimator (STE) cheats on purpose: forward rounds, backward pretends the op
was the identity and passes grad_out through unchanged.

Write RoundSTE: forward returns x rounded to the nearest integer, backward
returns grad_out as it is. (Nothing needs saving.)

Read: torch.round, torch.autograd.Function
"""
import torch


class RoundSTE(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return torch.round(x)

    @staticmethod
    def backward(ctx, grad_out):
        return grad_out


if __name__ == "__main__":
    w = torch.tensor([0.3, 1.6, -2.4], requires_grad=True)
    (RoundSTE.apply(w) * torch.tensor([1.0, 2.0, 3.0])).sum().backward()
    print("rounded:", RoundSTE.apply(w).detach(), "w.grad:", w.grad, "(expected [1, 2, 3])")
