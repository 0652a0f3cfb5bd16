import torch
from torch import nn

def clamp_grad_hooks(model, limit):
    hs = []
    for m in model.children():
        for p in m.parameters(recurse=False):
            hs.append(p.register_hook(lambda g: g.clamp(-limit, limit)))
    return hs
