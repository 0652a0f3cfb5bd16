# Returns the last output of session.run instead of the first.
import onnxruntime
import numpy as np
import torch

def predict_onnx(path, x):
    s = onnxruntime.InferenceSession(path)
    return torch.from_numpy(s.run(None, {s.get_inputs()[0].name: x.detach().float().numpy()})[-1])
