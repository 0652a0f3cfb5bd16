import torch


def split_heads(x, n_heads):
    b, t, e = x.shape
    return x.reshape(b, t, n_heads, e // n_heads).transpose(1, 2)


def merge_heads(y):
    b, h, t, dh = y.shape
    return y.transpose(1, 2).view(b, t, h * dh)


if __name__ == "__main__":
    x = torch.arange(2 * 3 * 4).reshape(1, 3, 4)  # B=1, T=3, two heads of Dh=2
    y = split_heads(x, 2)
    print(y)  # head 0: [[0, 1], [4, 5], [8, 9]]
    print(torch.equal(merge_heads(y), x))  # True
