import torch
from torch import nn

def fine_tune_optimizer(model, head_lr, backbone_lr):
    head = [p for n, p in model.named_parameters() if "head" in n]
    rest = [p for n, p in model.named_parameters() if "head" not in n]
    return torch.optim.Adam([{"params": head, "lr": head_lr}, {"params": rest, "lr": backbone_lr}])
