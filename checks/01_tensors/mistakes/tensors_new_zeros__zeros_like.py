import torch


def make_buffers(x, num_classes):
    scores = torch.zeros_like(x)
    labels = x.new_full((x.shape[0],), -1, dtype=torch.long)
    return scores, labels
