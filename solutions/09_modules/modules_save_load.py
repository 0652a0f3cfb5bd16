"""modules_save_load: checkpoints on disk, loaded on another machine.

A checkpoint is a state_dict written to a file: torch.save(obj, path) writes
it, torch.load(path) reads it back. Two things go wrong in practice:
- torch.save(model, path) pickles the model OBJECT, which needs its class's
  code to load; torch.load refuses it by default (weights_only=True loads
  tensors and plain containers only, and runs no pickled code). Save the
  state_dict: parameters AND buffers, nothing else.
- every tensor remembers the device it was saved from. A checkpoint written
  on a GPU machine does not load on a machine without one, unless
  map_location says where the tensors go.

Write save_checkpoint(model, path) and load_state(path): the state_dict read
from `path` with every tensor on the CPU, whatever device it was saved from.
(model.load_state_dict(load_state(path)) then restores a model.)

Read: torch.save, torch.load (map_location, weights_only), "Saving and Loading Models" tutorial
"""
import torch
from torch import nn


def save_checkpoint(model: nn.Module, path: str) -> None:
    torch.save(model.state_dict(), path)


def load_state(path: str) -> dict[str, torch.Tensor]:
    return torch.load(path, map_location="cpu", weights_only=True)


if __name__ == "__main__":
    import os
    import tempfile

    model = nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4))
    path = os.path.join(tempfile.mkdtemp(), "model.pt")
    save_checkpoint(model, path)
    fresh = nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4))
    fresh.load_state_dict(load_state(path))
    print(list(load_state(path)))
