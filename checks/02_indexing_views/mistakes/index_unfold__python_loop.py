import torch


def windows(x, size, step):
    return torch.stack([x[:, i:i + size] for i in range(0, x.shape[1] - size + 1, step)], dim=1)


if __name__ == "__main__":
    x = torch.arange(7.0).unsqueeze(0)
    w = windows(x, 3, 2)
    print(w)          # [[0, 1, 2], [2, 3, 4], [4, 5, 6]]
    print(w.stride())  # no copy: the strides walk through x's memory
