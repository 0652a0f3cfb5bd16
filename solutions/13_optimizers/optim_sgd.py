"""optim_sgd: your own torch.optim.SGD.

An optimiser remembers the parameters it was given; each step() moves every
one of them against its gradient:  p <- p - lr * p.grad.
Write MySGD with the interface of torch.optim.SGD:
- MySGD(params, lr): params is any iterable of tensors. model.parameters()
  is a generator, which can be walked only once: keep a list of them.
- step(): the update, in place, under torch.no_grad(). Skip a parameter
  whose .grad is None (it took no part in the loss).
- zero_grad(set_to_none=True): every .grad becomes None; with
  set_to_none=False, every existing .grad becomes zeros (a None stays None).
No torch.optim inside: the check compares yours with it, step by step.

Read: torch.optim.SGD, torch.optim.Optimizer.zero_grad, torch.no_grad
"""
import torch


class MySGD:
    def __init__(self, params, lr):
        self.params = list(params)
        self.lr = lr

    def step(self):
        with torch.no_grad():
            for p in self.params:
                if p.grad is not None:
                    p -= self.lr * p.grad

    def zero_grad(self, set_to_none=True):
        for p in self.params:
            if p.grad is None:
                continue
            if set_to_none:
                p.grad = None
            else:
                p.grad.zero_()


if __name__ == "__main__":
    model = torch.nn.Linear(3, 1)
    opt = MySGD(model.parameters(), lr=0.1)
    for _ in range(3):
        opt.zero_grad()
        loss = (model(torch.ones(4, 3)) - 1).pow(2).mean()
        loss.backward()
        opt.step()
        print("loss", loss.item())
