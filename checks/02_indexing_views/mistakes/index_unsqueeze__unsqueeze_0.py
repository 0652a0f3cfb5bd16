import torch


def scale_rows(x, w):
    return x * w.unsqueeze(0)


def outer(a, b):
    return a[:, None] * b[None, :]


if __name__ == "__main__":
    x = torch.ones(3, 3)
    w = torch.tensor([1.0, 2.0, 3.0])
    print(x * w)             # columns scaled: not what we want
    print(scale_rows(x, w))  # rows scaled
    print(outer(torch.tensor([1.0, 2.0]), torch.tensor([1.0, 10.0, 100.0])))
