"""optim_nesterov: Nesterov momentum, as torch.optim.SGD(nesterov=True) does it.

Plain momentum steps along the buffer b. Nesterov's variant looks one step
ahead: it steps along the gradient PLUS the momentum it is about to apply.
Per parameter, with the buffer b of optim_momentum (no dampening here):
    first step:   b = g (a copy)      later steps:  b = momentum * b + g
    then:         p <- p - lr * (g + momentum * b)     (b already updated)
A parameter whose .grad is None is skipped. Write step(). No torch.optim.

Read: torch.optim.SGD (nesterov=True in the algorithm box),
"On the importance of initialization and momentum in deep learning" (Sutskever et al.)
"""
import torch


class NesterovSGD:
    def __init__(self, params, lr, momentum=0.9):
        self.params = list(params)
        self.lr, self.momentum = lr, momentum
        self.buffers = [None] * len(self.params)

    @torch.no_grad()
    def step(self):
        # TODO
        ...


if __name__ == "__main__":
    w = torch.tensor([1.0, -1.0], requires_grad=True)
    opt = NesterovSGD([w], lr=0.1, momentum=0.9)
    for _ in range(5):
        w.grad = 2 * w.detach()          # the gradient of sum(w ** 2)
        opt.step()
        print(w.detach())
