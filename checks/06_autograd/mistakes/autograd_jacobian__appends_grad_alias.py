import torch


def jacobian(f, x):
    x = x.detach().clone().requires_grad_(True)
    y = f(x)
    rows = []
    for i in range(y.numel()):
        y[i].backward(retain_graph=True)
        rows.append(x.grad)
    return torch.stack(rows)
