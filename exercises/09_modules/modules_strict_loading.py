"""modules_strict_loading: loading part of a checkpoint on purpose.

To reuse a trained backbone under a new head, load the checkpoint with
load_state_dict(sd, strict=False): keys missing from sd, or not in the
model, are then allowed, and the call returns them in
`.missing_keys` / `.unexpected_keys`. A tensor of the WRONG SHAPE is still
an error, even with strict=False: leave such entries out yourself.

Write load_matching(model, state): keep the entries of `state` whose key is
in model.state_dict() with the same shape, load them with strict=False, and
return the list of the model's keys that were not loaded (missing_keys).

Read: torch.nn.Module.load_state_dict (strict, return value)
"""
import torch
from torch import nn


def load_matching(model: nn.Module, state: dict[str, torch.Tensor]) -> list[str]:
    own = model.state_dict()
    # TODO: keep only the entries that fit, load them with strict=False, return the missing keys
    raise NotImplementedError


if __name__ == "__main__":
    old = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 10))
    new = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3))
    print("not loaded:", load_matching(new, old.state_dict()))
