"""optim_adagrad: a learning rate per coordinate, shrinking with the gradients seen.

Adagrad keeps, per parameter, the running SUM s of its squared gradients, and
divides each step by sqrt(s): coordinates with large gradients take small
steps, rarely-moved ones keep large steps. As torch.optim.Adagrad does it:
    s starts full of initial_accumulator_value (same shape as p)
    s = s + g * g
    p <- p - lr * g / (sqrt(s) + eps)          (eps outside the sqrt)
Skip a parameter whose .grad is None. Write step() of MyAdagrad.
No torch.optim inside: the check compares yours with it, step by step.

Read: torch.optim.Adagrad (the algorithm box), torch.full_like, torch.Tensor.addcmul_
"""
import torch


class MyAdagrad:
    def __init__(self, params, lr=0.01, eps=1e-10, initial_accumulator_value=0.0):
        self.params = list(params)
        self.lr, self.eps = lr, eps
        # TODO: one sum of squared gradients per parameter, starting at initial_accumulator_value

    @torch.no_grad()
    def step(self):
        # TODO
        ...


if __name__ == "__main__":
    w = torch.tensor([1.0, 1.0], requires_grad=True)
    opt = MyAdagrad([w], lr=0.1)
    for _ in range(5):
        w.grad = torch.tensor([100.0, 0.01]) * w.detach()   # one steep, one flat direction
        opt.step()
        print(w.detach())                                      # both move about lr per step
