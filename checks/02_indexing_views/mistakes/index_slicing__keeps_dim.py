import torch


def last_column(x):
    return x[:, -1:]


def inner(x):
    return x[1:-1, 1:-1]


def every_other_row(x):
    return x[::2]


if __name__ == "__main__":
    x = torch.arange(20).reshape(4, 5)
    print(x)
    print("last column:", last_column(x))
    print("inner:\n", inner(x))
    print("every other row:\n", every_other_row(x))
