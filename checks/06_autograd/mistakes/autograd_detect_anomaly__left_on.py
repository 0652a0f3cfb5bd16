import torch


def nan_culprit(f, x):
    x = x.detach().clone().requires_grad_(True)
    torch.autograd.set_detect_anomaly(True)
    try:
        f(x).backward()
    except RuntimeError as error:
        return str(error).split("'")[1]
