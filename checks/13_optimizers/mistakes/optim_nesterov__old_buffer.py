import torch


class NesterovSGD:
    def __init__(self, params, lr, momentum=0.9):
        self.params = list(params)
        self.lr, self.momentum = lr, momentum
        self.buffers = [None] * len(self.params)

    @torch.no_grad()
    def step(self):
        for i, p in enumerate(self.params):
            if p.grad is None:
                continue
            g = p.grad
            if self.buffers[i] is None:
                self.buffers[i] = torch.zeros_like(p)
            p -= self.lr * (g + self.momentum * self.buffers[i])
            self.buffers[i].mul_(self.momentum).add_(g)


if __name__ == "__main__":
    w = torch.tensor([1.0, -1.0], requires_grad=True)
    opt = NesterovSGD([w], lr=0.1, momentum=0.9)
    for _ in range(5):
        w.grad = 2 * w.detach()          # the gradient of sum(w ** 2)
        opt.step()
        print(w.detach())
