"""deploy_onnx_runtime: serve an ONNX file with onnxruntime.

The serving machine has the .onnx file and a runtime, not your model code.
onnxruntime.InferenceSession(path) loads the file; session.run(None, feeds)
takes a dict {input name: NumPy array} and returns a list of NumPy arrays,
one per output. The file fixes its input's name and element type: read the
name from session.get_inputs(), never guess it, and feed the type it wants
(onnxruntime refuses float64 for a float32 input, it does not convert).

Write predict_onnx(path, x): run the one-input ONNX model at `path`, whose
input is float32, on the CPU tensor `x` (any float dtype, possibly requiring
grad), and return the model's first output as a float32 torch tensor.

Read: onnxruntime.InferenceSession (get_inputs, run), torch.Tensor.numpy, torch.from_numpy
"""
import onnxruntime
import torch


def predict_onnx(path: str, x: torch.Tensor) -> torch.Tensor:
    session = onnxruntime.InferenceSession(path)
    name = session.get_inputs()[0].name
    outputs = session.run(None, {name: x.detach().to(torch.float32).numpy()})
    return torch.from_numpy(outputs[0])


if __name__ == "__main__":
    import os
    import tempfile

    from torch import nn

    path = os.path.join(tempfile.mkdtemp(), "net.onnx")
    torch.onnx.export(nn.Linear(3, 2).eval(), (torch.randn(1, 3),), path, verbose=False)
    print(predict_onnx(path, torch.randn(1, 3, dtype=torch.float64)))
