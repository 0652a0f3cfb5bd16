import torch


def broadcast_shape(s1: tuple, s2: tuple):
    try:
        return tuple(torch.broadcast_shapes(s1, s2))
    except RuntimeError:
        return None
