"""tensors_device: where a tensor lives, and moving a batch there.

Every tensor has a .device ("cpu", "cuda:0", ...), and an operation needs all
its tensors on the same one. t.to(device) returns the tensor on that device
(t itself if it is already there). Careful: t.to(other_tensor) copies
other_tensor's device AND its dtype, which quietly turns int64 labels into
floats. Never hard-code "cuda" either: ask the model where it lives.

Make `move_batch(batch, param)` return a dict with the same keys as `batch`
(a dict of tensors) where every tensor is on `param.device` (param is one of
the model's parameters) and keeps its own dtype.

Read: torch.Tensor.device, torch.Tensor.to
"""
import torch


def move_batch(batch, param):
    # TODO: every tensor of batch, on param's device, dtype unchanged
    ...


if __name__ == "__main__":
    param = torch.nn.Linear(3, 2).weight
    batch = {"x": torch.randn(4, 3), "y": torch.tensor([0, 1, 1, 0])}
    print(move_batch(batch, param))
