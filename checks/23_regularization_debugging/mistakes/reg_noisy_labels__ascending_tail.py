"""reg_noisy_labels: let the model point at the labels that look wrong.

A model trained a little (not until it memorises) learns the clean pattern
first, so the training samples it gets most wrong are often the ones whose
LABEL is wrong: look at those before blaming the model. Write
suspects(model, x, y, k) -> an int64 tensor of shape (k,): the indices of the
k samples with the HIGHEST cross-entropy loss, highest first. Use one loss
per sample (no mean over the batch), with dropout off and without building a
graph, and leave the model in the mode you found it in. 0 <= k <= len(y).
The check trains a small model on two moons with 1 label in 5 flipped and
asks for as many suspects as there are flipped labels.

Read: torch.nn.functional.cross_entropy (reduction), torch.topk, torch.argsort
"""
import torch
import torch.nn.functional as F
from torch import nn


def suspects(model: nn.Module, x: torch.Tensor, y: torch.Tensor, k: int) -> torch.Tensor:
    was_training = model.training
    model.eval()
    with torch.no_grad():
        losses = F.cross_entropy(model(x), y, reduction="none")
    model.train(was_training)
    return losses.argsort()[-k:]


if __name__ == "__main__":
    from dlings import data

    torch.manual_seed(0)
    clean = data.moons(300, noise=0.15, seed=0).y
    x, y = data.moons(300, noise=0.15, seed=0).x, clean.clone()
    flipped = torch.rand(300) < 0.2
    y[flipped] = 1 - y[flipped]
    model = nn.Sequential(nn.Linear(2, 64), nn.ReLU(), nn.Dropout(0.2), nn.Linear(64, 2))
    opt = torch.optim.Adam(model.parameters(), lr=1e-2)
    for _ in range(60):
        opt.zero_grad()
        F.cross_entropy(model(x), y).backward()
        opt.step()
    found = suspects(model, x, y, int(flipped.sum()))
    print(f"{flipped[found].float().mean().item():.0%} of the suspects really were mislabelled")
