import torch
from torch import nn


def quantize(model):
    return torch.ao.quantization.quantize_dynamic(model, {nn.Linear}, dtype=torch.float16)
