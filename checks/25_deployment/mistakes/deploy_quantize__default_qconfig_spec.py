# quantize_dynamic without qconfig_spec: also swaps GRU/LSTM layers, not only nn.Linear.
import copy
import torch
from torch import nn

def quantize(model):
    return torch.ao.quantization.quantize_dynamic(copy.deepcopy(model), dtype=torch.qint8)
