import io

import torch
from torch import nn


def choose_model(model, x, y, max_drop):
    quantized = torch.ao.quantization.quantize_dynamic(model, {nn.Linear}, dtype=torch.qint8)
    with torch.no_grad():
        acc_float = (model(x).argmax(dim=1) == y).float().mean().item()
        acc_int8 = (quantized(x).argmax(dim=1) == y).float().mean().item()
    sizes = []
    for m in (model, quantized):
        buffer = io.BytesIO()
        torch.save(m.state_dict(), buffer)
        sizes.append(buffer.tell())
    if acc_int8 - acc_float <= max_drop and sizes[1] < sizes[0]:
        return quantized
    return model
