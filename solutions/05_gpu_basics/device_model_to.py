"""device_model_to: a model moves in place, a tensor does not.

nn.Linear(in_features, out_features) is the smallest model: a layer holding
a weight matrix and a bias, that maps x of shape (batch, in_features) to
(batch, out_features). model.to(device) moves its weights IN PLACE (and
returns the model too); x.to(device) leaves x where it is and returns a
moved copy, which you must keep.

Write `run_on(model, x, device)`: move the model to `device` and x there
too, and return model's output for x (on `device`). Afterwards the
caller's model is on `device`, and the caller's x is untouched.

Read: torch.nn.Module.to, torch.Tensor.to
"""
import torch
from torch import nn


def run_on(model: nn.Module, x: torch.Tensor, device) -> torch.Tensor:
    model.to(device)
    x = x.to(device)
    return model(x)


if __name__ == "__main__":
    model, x = nn.Linear(4, 2), torch.randn(3, 4)
    out = run_on(model, x, "meta")  # "meta": a device with shapes but no data
    print(out.device, model.weight.device, x.device)
