import torch


class MyAdagrad:
    def __init__(self, params, lr=0.01, eps=1e-10, initial_accumulator_value=0.0):
        self.params = list(params)
        self.lr, self.eps = lr, eps
        self.sums = [torch.full_like(p, initial_accumulator_value) for p in self.params]

    @torch.no_grad()
    def step(self):
        for p, s in zip(self.params, self.sums):
            if p.grad is None:
                continue
            s = p.grad * p.grad
            p -= self.lr * p.grad / (s.sqrt() + self.eps)


if __name__ == "__main__":
    w = torch.tensor([1.0, 1.0], requires_grad=True)
    opt = MyAdagrad([w], lr=0.1)
    for _ in range(5):
        w.grad = torch.tensor([100.0, 0.01]) * w.detach()   # one steep, one flat direction
        opt.step()
        print(w.detach())                                      # both move about lr per step
