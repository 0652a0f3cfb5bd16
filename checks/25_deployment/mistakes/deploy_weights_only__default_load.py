from dataclasses import dataclass

import torch


@dataclass
class TrainConfig:
    lr: float
    epochs: int


def load_run(path):
    return torch.load(path)
