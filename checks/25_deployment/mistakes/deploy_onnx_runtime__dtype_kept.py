import onnxruntime
import torch


def predict_onnx(path, x):
    session = onnxruntime.InferenceSession(path)
    name = session.get_inputs()[0].name
    outputs = session.run(None, {name: x.detach().numpy()})
    return torch.from_numpy(outputs[0])
