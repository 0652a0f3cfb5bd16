import torch


def pick(x, rows, cols):
    return x[rows][:, cols]


if __name__ == "__main__":
    x = torch.arange(12).reshape(3, 4)
    print(x)
    print(pick(x, torch.tensor([0, 2, 1]), torch.tensor([3, 0, 1])))  # tensor([3, 8, 5])
