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

import torch
from torch import nn


def save_state(path, model, optimizer, scheduler, epoch):
    # TODO: torch.save one dict: three state dicts, the epoch, two random states
    ...


def load_state(path, model, optimizer, scheduler):
    # TODO: load everything back, random states included; return the epoch
    ...


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

    model = nn.Sequential(nn.Linear(2, 8), nn.Dropout(0.5), nn.Linear(8, 2))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=1, gamma=0.7)
    path = os.path.join(tempfile.mkdtemp(), "state.pt")
    save_state(path, model, optimizer, scheduler, epoch=3)
    first = (torch.rand(2), random.random())
    print("resume from epoch", load_state(path, model, optimizer, scheduler))
    print("the same draws again:", first, (torch.rand(2), random.random()))
