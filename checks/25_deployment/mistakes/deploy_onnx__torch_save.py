import torch
from torch.export import Dim


def export_onnx(model, example, path):
    program = torch.export.export(model, (example,), dynamic_shapes=({0: Dim("batch")},))
    torch.export.save(program, path)
