from dataclasses import dataclass
import torch
@dataclass
class TrainConfig:
    lr: float
    epochs: int
def load_run(path):
    before = torch.serialization.get_safe_globals()
    torch.serialization.add_safe_globals([TrainConfig])
    out = torch.load(path, weights_only=True)
    torch.serialization.clear_safe_globals()
    torch.serialization.add_safe_globals(before)
    return out
