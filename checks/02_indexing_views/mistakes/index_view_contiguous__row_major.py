import torch


def column_major(x):
    return x.reshape(-1)


if __name__ == "__main__":
    x = torch.arange(6).reshape(2, 3)
    print(x, x.t().is_contiguous())
    print(column_major(x))  # tensor([0, 3, 1, 4, 2, 5])
