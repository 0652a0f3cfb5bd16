"""deploy_whole_model: turn a pickled whole model into a portable state_dict.

torch.save(model, path) pickles the module OBJECT: loading it needs the
class's code, and unpickling can run any code the file names, so torch.load
refuses it unless you pass weights_only=False (do that only for files you
trust). A state_dict file holds tensors only: it loads with the safe default
into any model built with the same architecture.

A colleague you trust sent `old_path`, written with torch.save(model).
Write migrate(old_path, new_path): load that model and write its state_dict
(parameters AND buffers) to new_path, so torch.load(new_path) loads it with
the default weights_only=True. Return nothing.

Read: torch.save, torch.load (weights_only), torch.nn.Module.state_dict
"""
import torch
from torch import nn


def migrate(old_path: str, new_path: str) -> None:
    # TODO: load the whole model from old_path (a trusted file), save its state_dict to new_path
    ...


if __name__ == "__main__":
    import os
    import tempfile

    folder = tempfile.mkdtemp()
    old, new = os.path.join(folder, "legacy.pt"), os.path.join(folder, "weights.pt")
    torch.save(nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4)), old)
    migrate(old, new)
    print(list(torch.load(new)))
