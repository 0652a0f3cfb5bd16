import torch


def reverse_time(x):
    return x.flip(-1)


if __name__ == "__main__":
    x = torch.arange(12).reshape(2, 3, 2)
    print(x)
    print(reverse_time(x))
