"""modules_state_dict: loading a checkpoint whose keys do not match.

model.state_dict() maps names ("encoder.weight") to tensors, parameters and
persistent buffers alike; model.load_state_dict(sd) copies them back and, by
default (strict=True), refuses keys that are missing or unexpected.
A model trained inside nn.DataParallel or DistributedDataParallel is saved
with every key prefixed by "module.", so it does not load into a bare model.

Write load_checkpoint(model, state): build a new dict in which the keys that
start with "module." lose that prefix (other keys stay as they are; leave
`state` itself unchanged), then load it strictly. Do not silence the
mismatch with strict=False.

Read: torch.nn.Module.state_dict, torch.nn.Module.load_state_dict, str.removeprefix
"""
import torch
from torch import nn


def load_checkpoint(model: nn.Module, state: dict[str, torch.Tensor]) -> None:
    # TODO: strip the leading "module." from the keys, then load with strict=True
    ...


if __name__ == "__main__":
    saved = nn.DataParallel(nn.Linear(3, 2)).state_dict()
    print(list(saved))
    model = nn.Linear(3, 2)
    load_checkpoint(model, saved)
    print("loaded:", list(model.state_dict()))
