"""loop_resume: resume EXACTLY, randomness included.

The training below draws random numbers: Dropout and the DataLoader's
shuffling use torch's global generator, and augment() uses Python's `random`.
A resumed run matches an uninterrupted one only if those generators go on
from where they stopped, like the model, the optimizer and the lr schedule.

Write save_state(path, model, optimizer, scheduler, epoch): one torch.save of
the three state dicts, epoch (the number of epochs completed) and both random
states, torch.get_rng_state() and random.getstate(). The file must still load
with torch.load(path, weights_only=True).
Write load_state(path, model, optimizer, scheduler): put everything back into
the objects given, set both generators back (torch.set_rng_state,
random.setstate) and return the epoch.

Read: torch.get_rng_state, torch.set_rng_state, random.getstate, "Reproducibility" (PyTorch notes)
"""
import random

import numpy as np

import torch
from torch import nn


def save_state(path, model, optimizer, scheduler, epoch):
    torch.save({
        "model": model.state_dict(),
        "optimizer": optimizer.state_dict(),
        "scheduler": scheduler.state_dict(),
        "epoch": epoch,
        "torch_rng": torch.get_rng_state(),
        "python_rng": random.getstate(),
        "numpy_rng": np.random.get_state(),
    }, path)


def load_state(path, model, optimizer, scheduler):
    state = torch.load(path, weights_only=False)
    model.load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])
    scheduler.load_state_dict(state["scheduler"])
    torch.set_rng_state(state["torch_rng"])
    random.setstate(state["python_rng"])
    return state["epoch"]


def augment(x):
    """A random brightness change, drawn from Python's random module."""
    return x * random.uniform(0.8, 1.2)


def train_epoch(model, optimizer, loader):
    model.train()
    for x, y in loader:
        optimizer.zero_grad()
        nn.functional.cross_entropy(model(augment(x)), y).backward()
        optimizer.step()


if __name__ == "__main__":
    import os
    import tempfile

    from dlings import data

    def run(epochs, stop_at=None):
        torch.manual_seed(0)
        random.seed(0)
        model = nn.Sequential(nn.Linear(2, 32), nn.ReLU(), nn.Dropout(0.2), nn.Linear(32, 2))
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
        scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=1, gamma=0.7)
        loader = torch.utils.data.DataLoader(data.moons(200, seed=0), batch_size=32, shuffle=True)
        start = 0
        if stop_at is not None:
            path = os.path.join(tempfile.mkdtemp(), "state.pt")
            for _ in range(stop_at):
                train_epoch(model, optimizer, loader)
                scheduler.step()
            save_state(path, model, optimizer, scheduler, stop_at)
            torch.manual_seed(123)                       # anything may happen in between
            start = load_state(path, model, optimizer, scheduler)
        for _ in range(start, epochs):
            train_epoch(model, optimizer, loader)
            scheduler.step()
        return model

    a, b = run(4), run(4, stop_at=2)
    print("bitwise equal:", all(torch.equal(p, q) for p, q in zip(a.parameters(), b.parameters())))
