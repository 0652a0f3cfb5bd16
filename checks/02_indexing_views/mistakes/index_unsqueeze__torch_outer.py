import torch


def scale_rows(x, w):
    return x * w.unsqueeze(1)


def outer(a, b):
    return torch.outer(a, b)


if __name__ == "__main__":
    x = torch.ones(3, 3)
    w = torch.tensor([1.0, 2.0, 3.0])
    print(x * w)             # columns scaled: not what we want
    print(scale_rows(x, w))  # rows scaled
    print(outer(torch.tensor([1.0, 2.0]), torch.tensor([1.0, 10.0, 100.0])))
