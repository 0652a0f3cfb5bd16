import torch
from torch.export import Dim


def export_model(model, example):
    return torch.export.export(model, (example,), dynamic_shapes=({1: Dim("batch")},))
