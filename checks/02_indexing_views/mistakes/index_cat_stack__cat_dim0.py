import torch


def make_batch(samples):
    return torch.stack(samples)


def concat_features(a, b):
    return torch.cat([a, b])


if __name__ == "__main__":
    imgs = [torch.zeros(3, 4, 4) for _ in range(5)]
    print(make_batch(imgs).shape)  # torch.Size([5, 3, 4, 4])
    print(concat_features(torch.zeros(2, 3), torch.ones(2, 4)))
