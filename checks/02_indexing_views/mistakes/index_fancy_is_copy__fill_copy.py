import torch


def set_entries_(x, rows, col, value):
    x[rows, col].fill_(value)


if __name__ == "__main__":
    x = torch.zeros(4, 3)
    set_entries_(x, torch.tensor([0, 2]), 1, 7.0)
    print(x)
