import torch


def jacobian(f, x):
    x = x.detach().clone().requires_grad_(True)
    y = f(x)
    rows = []
    for i in range(y.numel()):
        (row,) = torch.autograd.grad(y[i], x)
        rows.append(row)
    return torch.stack(rows)
