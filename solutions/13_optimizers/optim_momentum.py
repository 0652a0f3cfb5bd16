"""optim_momentum: SGD with momentum, exactly as torch.optim.SGD does it.

Momentum keeps one buffer b per parameter, a running blend of past gradients:
    first step of that parameter:  b = g            (a copy of its gradient)
    every later step:              b = momentum * b + (1 - dampening) * g
    then:                          p <- p - lr * b
The buffer lives from one step() to the next, and it must be its own tensor,
not p.grad itself (backward() and zero_grad() change p.grad in place).
A parameter whose .grad is None is skipped: its buffer stays as it is.
Write step() of MomentumSGD. No torch.optim inside.

Read: torch.optim.SGD (the algorithm box in its docs), torch.Tensor.clone
"""
import torch


class MomentumSGD:
    def __init__(self, params, lr, momentum=0.9, dampening=0.0):
        self.params = list(params)
        self.lr, self.momentum, self.dampening = lr, momentum, dampening
        self.buffers = [None] * len(self.params)

    @torch.no_grad()
    def step(self):
        for i, p in enumerate(self.params):
            if p.grad is None:
                continue
            if self.buffers[i] is None:
                self.buffers[i] = p.grad.clone()
            else:
                self.buffers[i].mul_(self.momentum).add_(p.grad, alpha=1 - self.dampening)
            p -= self.lr * self.buffers[i]


if __name__ == "__main__":
    w = torch.tensor([1.0, -1.0], requires_grad=True)
    opt = MomentumSGD([w], lr=0.1, momentum=0.9)
    for _ in range(5):
        w.grad = 2 * w.detach()          # the gradient of sum(w ** 2)
        opt.step()
        print(w.detach())                # overshoots past 0: momentum carries it on
