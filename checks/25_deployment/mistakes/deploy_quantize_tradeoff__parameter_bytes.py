import torch
from torch import nn


def choose_model(model, x, y, max_drop):
    quantized = torch.ao.quantization.quantize_dynamic(model, {nn.Linear}, dtype=torch.qint8)
    with torch.no_grad():
        acc_float = (model(x).argmax(dim=1) == y).float().mean().item()
        acc_int8 = (quantized(x).argmax(dim=1) == y).float().mean().item()

    def size(m):
        return sum(p.numel() * p.element_size() for p in m.parameters())

    if acc_float - acc_int8 <= max_drop and size(quantized) < size(model):
        return quantized
    return model
