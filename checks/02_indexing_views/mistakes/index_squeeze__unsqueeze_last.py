import torch


def drop_channel(x):
    return x.squeeze(1)


def add_channel(x):
    return x.unsqueeze(-1)


if __name__ == "__main__":
    x = torch.zeros(1, 1, 4, 4)
    print(x.squeeze().shape)        # torch.Size([4, 4]): the batch is gone
    print(drop_channel(x).shape)    # torch.Size([1, 4, 4])
    print(add_channel(torch.zeros(2, 4, 4)).shape)  # torch.Size([2, 1, 4, 4])
