import torch


def sevens_like(x):
    return x.fill_(7)
