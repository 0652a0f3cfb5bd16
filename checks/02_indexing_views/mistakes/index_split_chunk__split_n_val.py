import torch


def split_qkv(x):
    return x.chunk(3, dim=-1)


def train_val(x, n_val):
    return torch.split(x, n_val)


if __name__ == "__main__":
    q, k, v = split_qkv(torch.arange(12.0).reshape(2, 6))
    print(q, k, v, sep="\n")
    tr, va = train_val(torch.arange(10), 3)
    print(tr, va)  # tensor([0, 1, 2, 3, 4, 5, 6]) tensor([7, 8, 9])
