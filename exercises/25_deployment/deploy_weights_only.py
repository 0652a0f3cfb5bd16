"""deploy_weights_only: load a checkpoint with your own class in it, safely.

A .pt file is a pickle, and unpickling can call any function the file names:
a downloaded checkpoint could delete files as it loads. So torch.load uses
weights_only=True by default: it rebuilds tensors, numbers, strings and
plain containers, and refuses anything else. weights_only=False turns that
protection off for every class, not only yours.

Your checkpoints hold {"model": state_dict, "config": TrainConfig(...)}.
Write load_run(path): load such a file with weights_only=True, allowing
TrainConfig and nothing else, and only for this one load (the process-wide
allowlist must be left as it was). A file that names any other class must
still be refused: let torch's error propagate.

Read: torch.load (weights_only), torch.serialization.safe_globals
"""
from dataclasses import dataclass

import torch
from torch import nn


@dataclass
class TrainConfig:
    lr: float
    epochs: int


def load_run(path: str) -> dict:
    # TODO: load `path` with weights_only=True, allowing TrainConfig for this load only
    ...


if __name__ == "__main__":
    import os
    import tempfile

    path = os.path.join(tempfile.mkdtemp(), "run.pt")
    torch.save({"model": nn.Linear(2, 1).state_dict(), "config": TrainConfig(lr=0.1, epochs=3)}, path)
    print(load_run(path)["config"])
