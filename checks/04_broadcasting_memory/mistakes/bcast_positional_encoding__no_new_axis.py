import torch


def positional_encoding(length, d):
    t = torch.arange(length, dtype=torch.float32)
    two_i = torch.arange(0, d, 2, dtype=torch.float32)
    angles = t / 10000 ** (two_i / d)
    pe = torch.zeros(length, d)
    pe[:, 0::2] = torch.sin(angles)
    pe[:, 1::2] = torch.cos(angles)
    return pe


if __name__ == "__main__":
    torch.set_printoptions(precision=3)
    print(positional_encoding(4, 6))
