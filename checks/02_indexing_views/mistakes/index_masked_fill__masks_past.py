import torch


def mask_future(scores):
    t = scores.shape[-1]
    future = torch.tril(torch.ones(t, t, dtype=torch.bool), diagonal=-1)
    return scores.masked_fill(future, float("-inf"))


if __name__ == "__main__":
    s = torch.zeros(4, 4)
    print(mask_future(s))
    print(torch.softmax(mask_future(s), dim=-1))  # row i spreads its weight over 0..i
