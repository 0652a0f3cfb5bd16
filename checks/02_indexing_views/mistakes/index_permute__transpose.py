import torch


def to_channels_first(x):
    return x.transpose(-1, -3)


if __name__ == "__main__":
    img = torch.arange(2 * 3 * 3).reshape(2, 3, 3)  # H=2, W=3, C=3
    print(to_channels_first(img)[0])  # the first channel: [[0, 3, 6], [9, 12, 15]]
