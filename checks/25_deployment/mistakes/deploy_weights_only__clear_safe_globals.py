from dataclasses import dataclass
import torch
@dataclass
class TrainConfig:
    lr: float
    epochs: int
def load_run(path):
    torch.serialization.add_safe_globals([TrainConfig])
    try:
        return torch.load(path, weights_only=True)
    finally:
        torch.serialization.clear_safe_globals()
