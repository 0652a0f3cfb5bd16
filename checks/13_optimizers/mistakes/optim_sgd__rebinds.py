import torch


class MySGD:
    def __init__(self, params, lr):
        self.params = list(params)
        self.lr = lr

    def step(self):
        with torch.no_grad():
            for p in self.params:
                if p.grad is not None:
                    p = p - self.lr * p.grad

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
