import torch
def channel_stats(loader):
    s = s2 = None; n = 0
    for x, _ in loader:
        a = x.sum(dim=(0, 2, 3)); b = (x ** 2).sum(dim=(0, 2, 3))
        s = a if s is None else s + a; s2 = b if s2 is None else s2 + b
        n += x.shape[0] * x.shape[2] * x.shape[3]
    m = s / n
    return m, (s2 / n - m ** 2).sqrt()
