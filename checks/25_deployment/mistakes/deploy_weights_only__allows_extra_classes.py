# Allows classes besides TrainConfig (nn.Linear, Counter) for the load.
import torch
from torch import nn

from dataclasses import dataclass
import collections
@dataclass
class TrainConfig:
    lr: float
    epochs: int
def load_run(path):
    with torch.serialization.safe_globals([TrainConfig, collections.Counter, nn.Linear]):
        return torch.load(path, weights_only=True)
