# Bounds the batch with max=64: a batch of 3000 is refused.
import torch
from torch import nn
from torch.export import Dim

def export_model(model, example):
    return torch.export.export(model, (example,), dynamic_shapes=({0: Dim("batch", max=64)},))
