import torch


def above(x, t):
    return x[x >= t]


def mean_positive(x):
    return x[x > 0].mean()


if __name__ == "__main__":
    x = torch.tensor([[1.0, -2.0, 3.0], [0.0, 5.0, -1.0]])
    print(above(x, 1.0))      # tensor([3., 5.])
    print(mean_positive(x))   # tensor(3.)
