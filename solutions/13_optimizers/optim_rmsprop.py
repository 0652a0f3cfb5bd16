"""optim_rmsprop: divide by a running average of g*g, not a running sum.

Adagrad's sum only grows, so its steps shrink forever. RMSprop forgets:
it keeps, per parameter, an exponential moving average v of g * g.
As torch.optim.RMSprop does it (no momentum, not centered):
    v starts at zeros (same shape as p)
    v = alpha * v + (1 - alpha) * g * g
    p <- p - lr * g / (sqrt(v) + eps)          (eps outside the sqrt)
Skip a parameter whose .grad is None. Write step() of MyRMSprop.
No torch.optim inside: the check compares yours with it, step by step.

Read: torch.optim.RMSprop (the algorithm box), torch.Tensor.mul_, torch.Tensor.addcmul_
"""
import torch


class MyRMSprop:
    def __init__(self, params, lr=0.01, alpha=0.99, eps=1e-8):
        self.params = list(params)
        self.lr, self.alpha, self.eps = lr, alpha, eps
        self.avgs = [torch.zeros_like(p) for p in self.params]

    @torch.no_grad()
    def step(self):
        for p, v in zip(self.params, self.avgs):
            if p.grad is None:
                continue
            v.mul_(self.alpha).add_((1 - self.alpha) * p.grad * p.grad)
            p -= self.lr * p.grad / (v.sqrt() + self.eps)


if __name__ == "__main__":
    w = torch.tensor([1.0, 1.0], requires_grad=True)
    opt = MyRMSprop([w], lr=0.01)
    for _ in range(5):
        w.grad = torch.tensor([100.0, 0.01]) * w.detach()   # one steep, one flat direction
        opt.step()
        print(w.detach())
