import torch


def last_valid(x, lengths):
    return torch.stack([x[b, n - 1] for b, n in enumerate(lengths)])


if __name__ == "__main__":
    x = torch.arange(2 * 4).reshape(2, 4, 1).float()
    print(last_valid(x, torch.tensor([2, 4])))  # tensor([[1.], [7.]])
