import torch


def export_onnx(model, example, path):
    # the legacy TorchScript-based exporter, as in older tutorials, without dynamic_axes
    torch.onnx.export(model, example, path, dynamo=False, input_names=["features"], output_names=["logits"])
