# Exports in train mode: the Dropout stays active in the ONNX graph.
import torch
from torch import nn
from torch.export import Dim

def export_onnx(model, example, path):
    model.train()
    torch.onnx.export(model, (example,), path, verbose=False, dynamic_shapes=({0: Dim("b")},))
