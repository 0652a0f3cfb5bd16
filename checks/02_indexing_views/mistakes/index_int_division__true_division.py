import torch


def middle_token(x, lengths):
    mid = (lengths - 1) / 2
    return x[torch.arange(x.shape[0]), mid]


if __name__ == "__main__":
    lengths = torch.tensor([5, 4, 1])
    print(lengths / 2, (lengths - 1) / 2)
    x = torch.arange(3 * 5).reshape(3, 5, 1).float()
    print(middle_token(x, lengths))  # tensor([[2.], [6.], [10.]])
