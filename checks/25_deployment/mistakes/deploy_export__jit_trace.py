import torch


def export_model(model, example):
    return torch.jit.trace(model, example)
