import torch


def jacobian(f, x):
    return torch.autograd.functional.jacobian(f, x)
