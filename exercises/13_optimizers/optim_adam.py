"""optim_adam: Adam from scratch, bias correction included.

Adam = momentum (a moving average m of g) divided by RMSprop's sqrt(v).
Both start at zero, so early on they are too small: bias correction divides
them by (1 - beta ** t). Per parameter, as torch.optim.Adam does it:
    state: t = 0, m = zeros, v = zeros (one of each PER PARAMETER)
    t = t + 1
    m = beta1 * m + (1 - beta1) * g        v = beta2 * v + (1 - beta2) * g * g
    m_hat = m / (1 - beta1 ** t)           v_hat = v / (1 - beta2 ** t)
    p <- p - lr * m_hat / (sqrt(v_hat) + eps)      (eps after the sqrt)
A parameter whose .grad is None is skipped: its t, m and v stay as they are.
Write step() of MyAdam. No torch.optim inside.

Read: torch.optim.Adam (the algorithm box),
"Adam: A Method for Stochastic Optimization" (Kingma & Ba), section 3
"""
import torch


class MyAdam:
    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8):
        self.params = list(params)
        self.lr, self.betas, self.eps = lr, betas, eps
        # TODO: the state of each parameter: t, m, v

    @torch.no_grad()
    def step(self):
        beta1, beta2 = self.betas
        # TODO
        ...


if __name__ == "__main__":
    w = torch.tensor([1.0, 1.0], requires_grad=True)
    opt = MyAdam([w], lr=0.1)
    for _ in range(3):
        w.grad = torch.tensor([100.0, 0.01]) * w.detach()   # gradients 10,000 times apart
        opt.step()
        print(w.detach())               # the first step moves both by lr: m_hat / sqrt(v_hat) = sign(g)
