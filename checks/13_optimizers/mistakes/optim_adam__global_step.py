import torch


class MyAdam:
    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8):
        self.params = list(params)
        self.lr, self.betas, self.eps = lr, betas, eps
        self.t = 0
        self.state = [{"m": torch.zeros_like(p), "v": torch.zeros_like(p)} for p in self.params]

    @torch.no_grad()
    def step(self):
        beta1, beta2 = self.betas
        self.t += 1
        for p, s in zip(self.params, self.state):
            if p.grad is None:
                continue
            g = p.grad
            s["m"].mul_(beta1).add_((1 - beta1) * g)
            s["v"].mul_(beta2).add_((1 - beta2) * g * g)
            m_hat = s["m"] / (1 - beta1 ** self.t)
            v_hat = s["v"] / (1 - beta2 ** self.t)
            p -= self.lr * m_hat / (v_hat.sqrt() + self.eps)


if __name__ == "__main__":
    w = torch.tensor([1.0, 1.0], requires_grad=True)
    opt = MyAdam([w], lr=0.1)
    for _ in range(3):
        w.grad = torch.tensor([100.0, 0.01]) * w.detach()   # gradients 10,000 times apart
        opt.step()
        print(w.detach())               # the first step moves both by lr: m_hat / sqrt(v_hat) = sign(g)
