import torch


def split_qkv(x):
    return x.chunk(3, dim=-1)


def train_val(x, n_val):
    return x[:-n_val], x[-n_val:]
