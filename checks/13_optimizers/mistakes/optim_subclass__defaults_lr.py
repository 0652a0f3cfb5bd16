import torch


class MyMomentumSGD(torch.optim.Optimizer):
    def __init__(self, params, lr, momentum=0.9):
        super().__init__(params, {"lr": lr, "momentum": momentum})

    @torch.no_grad()
    def step(self, closure=None):
        loss = None
        if closure is not None:
            with torch.enable_grad():
                loss = closure()
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is None:
                    continue
                state = self.state[p]
                if "momentum_buffer" not in state:
                    state["momentum_buffer"] = p.grad.clone()
                else:
                    state["momentum_buffer"].mul_(group["momentum"]).add_(p.grad)
                p -= self.defaults["lr"] * state["momentum_buffer"]
        return loss


if __name__ == "__main__":
    a, b = torch.ones(2, requires_grad=True), torch.ones(3, requires_grad=True)
    opt = MyMomentumSGD([{"params": [a], "lr": 0.5}, {"params": [b]}], lr=0.1, momentum=0.9)
    a.grad, b.grad = torch.ones(2), torch.ones(3)
    opt.step()
    print(a.detach(), b.detach(), "(expected 0.5s and 0.9s)")
    print(opt.state_dict()["state"])
