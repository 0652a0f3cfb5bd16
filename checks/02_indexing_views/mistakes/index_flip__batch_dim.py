import torch


def reverse_time(x):
    return torch.flip(x, dims=[0])


if __name__ == "__main__":
    x = torch.arange(12).reshape(2, 3, 2)
    print(x)
    print(reverse_time(x))
