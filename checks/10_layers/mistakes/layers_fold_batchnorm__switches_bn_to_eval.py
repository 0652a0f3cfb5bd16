import math
import torch
import torch.nn.functional as F
from torch import nn
@torch.no_grad()
def fold(linear, bn):
    bn.eval()
    folded = nn.Linear(linear.in_features, linear.out_features, bias=True, dtype=linear.weight.dtype, device=linear.weight.device)
    scale = bn.weight / torch.sqrt(bn.running_var + bn.eps)
    b = linear.bias if linear.bias is not None else torch.zeros_like(bn.running_mean)
    folded.weight.copy_(linear.weight * scale[:, None])
    folded.bias.copy_((b - bn.running_mean) * scale + bn.bias)
    return folded
