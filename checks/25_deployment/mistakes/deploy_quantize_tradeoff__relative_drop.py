# Measures the drop relative to the float accuracy instead of in points.
import copy, io
import torch
from torch import nn
def size(m):
    b = io.BytesIO(); torch.save(m.state_dict(), b); return b.tell()
def acc(m, x, y):
    with torch.no_grad():
        return (m(x).argmax(dim=1) == y).float().mean().item()

def choose_model(model, x, y, max_drop):
    q = torch.ao.quantization.quantize_dynamic(copy.deepcopy(model), {nn.Linear}, dtype=torch.qint8)
    a, b = acc(model, x, y), acc(q, x, y)
    if (a - b) / max(a, 1e-9) <= max_drop and size(q) < size(model):
        return q
    return model
