import torch
from torch.utils.checkpoint import checkpoint


def block(x, w1, w2):
    h = torch.nn.functional.gelu(x @ w1)
    h = torch.tanh(h) * h
    return h @ w2


def checkpointed(x, w1, w2):
    with torch.no_grad():  # "checkpointing means no graph", the wrong way round
        return block(x, w1, w2)
