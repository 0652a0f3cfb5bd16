"""reg_dropout_gap: measure what dropout does to the train/val gap.

On a small noisy set (200 points of two moons, 1 label in 5 flipped) a wide
MLP learns the noise by heart: its training loss ends far below its
validation loss. Dropout fights that. Write
1. make_mlp(p): nn.Sequential of Linear(2, 64), ReLU, Dropout(p),
   Linear(64, 64), ReLU, Dropout(p), Linear(64, 2): dropout on each hidden
   layer's activations, never on the input or on the output logits.
2. measure(model, x, y) -> (loss, accuracy) as Python floats: the mean
   cross-entropy and the fraction of argmax predictions equal to y, with
   dropout OFF and without building a graph. Leave the model in the mode you
   found it in: training calls measure() between its steps.
The check trains make_mlp(0.0) and make_mlp(0.5) the same way and compares
the gaps val_loss - train_loss your measure() reports.

Read: torch.nn.Dropout, torch.nn.Module.eval, torch.nn.Module.training, torch.no_grad
"""
import torch
import torch.nn.functional as F
from torch import nn


def make_mlp(p: float) -> nn.Sequential:
    return nn.Sequential(nn.Linear(2, 64), nn.ReLU(), nn.Dropout(p),
                         nn.Linear(64, 64), nn.ReLU(), nn.Dropout(p),
                         nn.Linear(64, 2))


def measure(model: nn.Module, x: torch.Tensor, y: torch.Tensor) -> tuple[float, float]:
    was_training = model.training
    model.eval()
    out = model(x)
    loss = F.cross_entropy(out, y).item()
    accuracy = (out.argmax(dim=1) == y).float().mean().item()
    model.train(was_training)
    return loss, accuracy


def noisy_moons(n, split="train", seed=0, flip=0.2):
    from dlings import data

    d = data.moons(n, noise=0.15, split=split, seed=seed)
    g = torch.Generator().manual_seed(1000 + seed + (0 if split == "train" else 1))
    y = d.y.clone()
    flipped = torch.rand(len(y), generator=g) < flip
    y[flipped] = 1 - y[flipped]
    return d.x, y


if __name__ == "__main__":
    (x, y), (xv, yv) = noisy_moons(200), noisy_moons(1000, split="val")
    for p in (0.0, 0.5):
        torch.manual_seed(0)
        model = make_mlp(p)
        opt = torch.optim.Adam(model.parameters(), lr=1e-2)
        for step in range(250):
            opt.zero_grad()
            F.cross_entropy(model(x), y).backward()
            opt.step()
        (tl, ta), (vl, va) = measure(model, x, y), measure(model, xv, yv)
        print(f"p={p}: train loss {tl:.3f} acc {ta:.3f} | val loss {vl:.3f} acc {va:.3f} | gap {vl - tl:.3f}")
