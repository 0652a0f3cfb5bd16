import torch


def export_model(model, example):
    return torch.export.export(model, (example,))
