import torch


def label_scores(logits, labels):
    return logits.gather(1, labels.unsqueeze(1))


if __name__ == "__main__":
    logits = torch.tensor([[0.1, 2.0, -1.0], [3.0, 0.5, 0.2]])
    print(label_scores(logits, torch.tensor([1, 0])))  # tensor([2., 3.])
