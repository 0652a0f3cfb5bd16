import torch


def export_onnx(model, example, path):
    torch.onnx.export(model, (example,), path, verbose=False)
