"""deploy_onnx: export to ONNX, with a batch size that can change.

ONNX is a file format for computation graphs that many runtimes read
(onnxruntime, TensorRT, phones, browsers) with no Python and no PyTorch.
torch.onnx.export captures the model through torch.export and writes the
graph and its weights into one .onnx file. As with torch.export, every size
of the example is fixed in that graph unless you declare it dynamic.

Write export_onnx(model, example, path): write `model` (already in eval mode)
to an ONNX file at `path`, exported on `example`, a (batch, features) tensor,
with dimension 0 dynamic: onnxruntime must run the file on any batch size,
1 included, and give the model's outputs. Return nothing. (The exporter
prints its progress unless you pass verbose=False.)

Read: torch.onnx.export (dynamic_shapes, verbose), torch.export.Dim, onnxruntime.InferenceSession
"""
import torch
from torch import nn
from torch.export import Dim


def export_onnx(model: nn.Module, example: torch.Tensor, path: str) -> None:
    torch.onnx.export(model, (example,), path, dynamic_shapes=({0: Dim("batch")},), verbose=False)


if __name__ == "__main__":
    import os
    import tempfile

    import onnxruntime

    net = nn.Sequential(nn.Linear(6, 16), nn.ReLU(), nn.Linear(16, 3)).eval()
    path = os.path.join(tempfile.mkdtemp(), "net.onnx")
    export_onnx(net, torch.randn(4, 6), path)
    session = onnxruntime.InferenceSession(path)
    name = session.get_inputs()[0].name
    print(session.run(None, {name: torch.randn(2, 6).numpy()})[0])
