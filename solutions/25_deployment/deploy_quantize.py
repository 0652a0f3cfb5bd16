"""deploy_quantize: dynamic int8 quantization of the Linear layers.

Dynamic quantization stores each nn.Linear's weight as int8 (one byte per
weight instead of four) and quantizes activations on the fly at run time:
a smaller file and faster CPU inference for Linear-heavy models, for a
small loss of accuracy. No retraining, no calibration data.

Write quantize(model): a copy of `model` with every nn.Linear dynamically
quantized to qint8 (other layers left as they are). `model` itself must stay
a float model, unchanged. The check measures the trade: the copy's saved
state_dict must be under 35 % of the float one's bytes, and its predicted
class must match the float model's on at least 93 % of inputs.
(torch.ao.quantization is deprecated in current torch in favour of the
torchao package; the eager API still works here and warns.)

Read: torch.ao.quantization.quantize_dynamic (qconfig_spec, dtype, inplace)
"""
import torch
from torch import nn


def quantize(model: nn.Module) -> nn.Module:
    # TODO: dynamically quantize every nn.Linear of a copy of model to int8
    return torch.ao.quantization.quantize_dynamic(model, {nn.Linear}, dtype=torch.qint8)


if __name__ == "__main__":
    net = nn.Sequential(nn.Linear(64, 256), nn.ReLU(), nn.Linear(256, 10)).eval()
    print(quantize(net))
