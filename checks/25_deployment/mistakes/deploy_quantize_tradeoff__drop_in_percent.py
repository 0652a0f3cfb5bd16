import io

import torch
from torch import nn


def choose_model(model, x, y, max_drop):
    quantized = torch.ao.quantization.quantize_dynamic(model, {nn.Linear}, dtype=torch.qint8)
    with torch.no_grad():
        acc_float = 100 * (model(x).argmax(dim=1) == y).float().mean().item()
        acc_int8 = 100 * (quantized(x).argmax(dim=1) == y).float().mean().item()
    sizes = []
    for m in (model, quantized):
        buffer = io.BytesIO()
        torch.save(m.state_dict(), buffer)
        sizes.append(buffer.tell())
    if acc_float - acc_int8 <= max_drop and sizes[1] < sizes[0]:
        return quantized
    return model
