"""reg_weight_decay_gap: measure what weight decay does, in a fair experiment.

To see what one setting does, change only that setting: every run starts
from the same weights and trains on the same data the same way. Write
run(weight_decay, x, y, xv, yv, steps=250, seed=0) -> a dict of Python floats:
seed torch with `seed`, then build make_mlp() (given); train it for `steps`
full-batch steps of F.cross_entropy on (x, y) with
torch.optim.AdamW(lr=1e-2, weight_decay=weight_decay); after training return
  "train_loss", "val_loss": the mean cross-entropy on (x, y) and (xv, yv);
  "weight_norm": the L2 norm of all the weight MATRICES (the 2-D parameters,
                 not the biases) taken together: sqrt of the sum of squares.
The check runs weight_decay=0.0 and 3.0 on a small noisy set and compares
the gaps val_loss - train_loss and the weight norms.

Read: torch.optim.AdamW, torch.manual_seed, torch.linalg.vector_norm
"""
import torch
import torch.nn.functional as F
from torch import nn


def make_mlp() -> nn.Sequential:
    return nn.Sequential(nn.Linear(2, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 2))


def run(weight_decay, x, y, xv, yv, steps=250, seed=0) -> dict[str, float]:
    torch.manual_seed(seed)
    model = make_mlp()
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-2, weight_decay=0.0)
    for _ in range(steps):
        optimizer.zero_grad()
        F.cross_entropy(model(x), y).backward()
        optimizer.step()
    with torch.no_grad():
        train_loss = F.cross_entropy(model(x), y).item()
        val_loss = F.cross_entropy(model(xv), yv).item()
        squares = sum((p ** 2).sum() for p in model.parameters() if p.dim() == 2)
    return {"train_loss": train_loss, "val_loss": val_loss, "weight_norm": squares.sqrt().item()}


def noisy_moons(n, split="train", seed=0, flip=0.2):
    from dlings import data

    d = data.moons(n, noise=0.15, split=split, seed=seed)
    g = torch.Generator().manual_seed(1000 + seed + (0 if split == "train" else 1))
    y = d.y.clone()
    flipped = torch.rand(len(y), generator=g) < flip
    y[flipped] = 1 - y[flipped]
    return d.x, y


if __name__ == "__main__":
    torch.set_num_threads(1)
    (x, y), (xv, yv) = noisy_moons(200), noisy_moons(1000, split="val")
    for wd in (0.0, 3.0):
        r = run(wd, x, y, xv, yv)
        print(f"weight_decay={wd}: train {r['train_loss']:.3f} val {r['val_loss']:.3f} "
              f"gap {r['val_loss'] - r['train_loss']:.3f} |W| {r['weight_norm']:.2f}")
