import torch
def isclose(a, b, rtol=1e-5, atol=1e-8):
    return ((a - b).abs() < atol + rtol * b.abs()) | (a == b)
