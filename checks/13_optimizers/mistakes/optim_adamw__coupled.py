import torch


class MyAdamW:
    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2):
        self.params = list(params)
        self.lr, self.betas, self.eps, self.weight_decay = lr, betas, eps, weight_decay
        self.state = [{"t": 0, "m": torch.zeros_like(p), "v": torch.zeros_like(p)} for p in self.params]

    @torch.no_grad()
    def step(self):
        beta1, beta2 = self.betas
        for p, s in zip(self.params, self.state):
            if p.grad is None:
                continue
            g = p.grad + self.weight_decay * p
            s["t"] += 1
            s["m"].mul_(beta1).add_((1 - beta1) * g)
            s["v"].mul_(beta2).add_((1 - beta2) * g * g)
            m_hat = s["m"] / (1 - beta1 ** s["t"])
            v_hat = s["v"] / (1 - beta2 ** s["t"])
            p -= self.lr * m_hat / (v_hat.sqrt() + self.eps)


if __name__ == "__main__":
    w = torch.tensor([1.0, 1.0], requires_grad=True)
    opt = MyAdamW([w], lr=0.1, weight_decay=0.5)
    for _ in range(3):
        w.grad = torch.zeros(2)          # no gradient at all: only the decay moves w
        opt.step()
        print(w.detach())                # 0.95, 0.9025, 0.857...
