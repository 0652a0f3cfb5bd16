import torch


def safe_div(a, b):
    return (a / b) * (b != 0)


if __name__ == "__main__":
    a = torch.tensor([1.0, 0.0, 3.0, 4.0])
    b = torch.tensor([2.0, 0.0, 0.0, -1.0])
    print(a / b)            # tensor([0.5, nan, inf, -4.])
    print(safe_div(a, b))   # tensor([0.5, 0., 0., -4.])
