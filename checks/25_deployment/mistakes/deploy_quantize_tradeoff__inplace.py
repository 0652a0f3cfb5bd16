import io

import torch
from torch import nn


def choose_model(model, x, y, max_drop):
    with torch.no_grad():
        acc_float = (model(x).argmax(dim=1) == y).float().mean().item()
    buffer = io.BytesIO()
    torch.save(model.state_dict(), buffer)
    size_float = buffer.tell()
    quantized = torch.ao.quantization.quantize_dynamic(model, {nn.Linear}, dtype=torch.qint8, inplace=True)
    with torch.no_grad():
        acc_int8 = (quantized(x).argmax(dim=1) == y).float().mean().item()
    buffer = io.BytesIO()
    torch.save(quantized.state_dict(), buffer)
    if acc_float - acc_int8 <= max_drop and buffer.tell() < size_float:
        return quantized
    return model
