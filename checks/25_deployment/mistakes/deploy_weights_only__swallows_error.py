import pickle
from dataclasses import dataclass

import torch


@dataclass
class TrainConfig:
    lr: float
    epochs: int


def load_run(path):
    try:
        with torch.serialization.safe_globals([TrainConfig]):
            return torch.load(path, weights_only=True)
    except pickle.UnpicklingError:
        return {}
