"""modules_to_device: Module.to changes the model; Tensor.to returns a new tensor.

model.to(device, dtype) converts the model ITSELF (in place, and it returns
that same model): every parameter and buffer goes to `device`, and the
floating-point ones take `dtype`, while integer buffers (BatchNorm's
num_batches_tracked) stay integers. Do it before making the optimizer.
x.to(device) is different: it leaves x as it is and RETURNS the converted
tensor, so `x.to(device)` alone on a line changes nothing.

Write prepare(model, batch, device, dtype): convert model (to `device`, its
floating-point tensors to `dtype`) and return (model, inputs, labels), where
inputs = batch["inputs"] on `device` in `dtype`, and labels = batch["labels"]
on `device`, still int64 (class indices stay integers). model(inputs) must run.

Read: torch.nn.Module.to, torch.Tensor.to
"""
import torch
from torch import nn


def prepare(model: nn.Module, batch: dict[str, torch.Tensor], device, dtype: torch.dtype):
    # TODO: convert the model; make inputs (device and dtype) and labels (device only)
    ...


if __name__ == "__main__":
    model = nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4))
    batch = {"inputs": torch.randn(5, 3), "labels": torch.tensor([0, 1, 1, 0, 2])}
    model, inputs, labels = prepare(model, batch, "cpu", torch.float64)
    print(model[0].weight.dtype, inputs.dtype, labels.dtype, model[1].num_batches_tracked.dtype)
