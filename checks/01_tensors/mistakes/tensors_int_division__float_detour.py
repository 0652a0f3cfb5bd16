import torch


def split_index(idx, width):
    row = (idx / width).floor().long()
    col = idx - row * width
    return row, col


def mean_of_ints(x):
    return x.float().mean()
