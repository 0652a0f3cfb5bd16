"""autograd_nan_where: the torch.where NaN trap, fixed.

torch.where(cond, a, b) picks values, but backward still runs through BOTH
branches: the branch not picked gets a zero gradient, and if that branch's
own derivative is infinite there (log at 0: 1/0), 0 * inf = NaN spreads into
x.grad. The forward looks perfect; only the gradient is broken.

`log_or_zero(x)` returns log(x) where x > 0 and 0 elsewhere. Its gradient
must be 1/x where x > 0 and exactly 0 elsewhere (never NaN). The usual fix:
make the input of log safe where it is not used (a second torch.where).

Read: torch.where, https://pytorch.org/docs/stable/generated/torch.where.html
"""
import torch


def log_or_zero(x):
    positive = x > 0
    safe_x = torch.where(positive, x, torch.ones_like(x))
    return torch.where(positive, torch.log(safe_x), torch.zeros_like(x))


if __name__ == "__main__":
    x = torch.tensor([0.0, 1.0, 2.0], requires_grad=True)
    log_or_zero(x).sum().backward()
    print(x.grad)   # tensor([0.0000, 1.0000, 0.5000])
