import torch


def linear(x, weight, bias):
    return x @ weight.T
