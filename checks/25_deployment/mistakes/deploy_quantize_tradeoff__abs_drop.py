"""deploy_quantize_tradeoff: ship the int8 model only when the numbers say so.

Quantization trades accuracy for size, and neither side is guaranteed: one
outlier weight stretches a layer's int8 scale until its other weights round
to almost nothing, and a tiny model's file GROWS (each quantized layer adds
packing metadata). So measure both before shipping. Size is the bytes of the
saved state_dict (torch.save into an io.BytesIO); a quantized Linear keeps
its int8 weight outside .parameters(), so counting parameters measures nothing.

Write choose_model(model, x, y, max_drop): quantize a copy of `model` (every
nn.Linear, qint8). Return that copy if BOTH its accuracy on (x, y) is at most
`max_drop` below the float model's (accuracies as fractions, so 0.02 is two
points; y holds class indices, a prediction is the argmax of an output row)
AND its saved state_dict is smaller. Otherwise return `model` itself, unchanged.

Read: torch.ao.quantization.quantize_dynamic, torch.save (to io.BytesIO), io.BytesIO.tell
"""
import io

import torch
from torch import nn


def choose_model(model: nn.Module, x: torch.Tensor, y: torch.Tensor, max_drop: float) -> nn.Module:
    quantized = torch.ao.quantization.quantize_dynamic(model, {nn.Linear}, dtype=torch.qint8)

    def accuracy(m):
        with torch.no_grad():
            return (m(x).argmax(dim=1) == y).float().mean().item()

    def size(m):
        buffer = io.BytesIO()
        torch.save(m.state_dict(), buffer)
        return buffer.tell()

    if abs(accuracy(model) - accuracy(quantized)) <= max_drop and size(quantized) < size(model):
        return quantized
    return model


if __name__ == "__main__":
    net = nn.Sequential(nn.Linear(32, 128), nn.ReLU(), nn.Linear(128, 6)).eval()
    x, y = torch.randn(500, 32), torch.randint(0, 6, (500,))
    print(choose_model(net, x, y, max_drop=0.02))
