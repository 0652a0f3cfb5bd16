"""deploy_inference_checkpoint: from a training checkpoint to predictions.

A training checkpoint holds more than weights: {"model": state_dict,
"optimizer": state_dict, "epoch": int}, saved on a GPU. Serving it needs
only the weights, and two switches that are easy to forget: eval mode
(Dropout off, BatchNorm uses its running statistics) and no autograd graph
(no memory kept for a backward pass that never comes).

Write load_for_inference(path, model): load the checkpoint at `path` onto
the CPU, copy its model weights into `model`, switch `model` to eval mode
and return it. Write predict(model, x): the model's output for x, computed
without recording a graph (the result has no grad_fn).

Read: torch.load (map_location), nn.Module.load_state_dict, nn.Module.eval, torch.no_grad
"""
import torch
from torch import nn


def load_for_inference(path: str, model: nn.Module) -> nn.Module:
    # TODO: load the checkpoint on the CPU, restore the model's weights, eval mode, return the model
    ...


def predict(model: nn.Module, x: torch.Tensor) -> torch.Tensor:
    # TODO: the model's output for x, with no autograd graph recorded
    ...


if __name__ == "__main__":
    import os
    import tempfile

    net = nn.Sequential(nn.Linear(4, 8), nn.Dropout(0.5), nn.Linear(8, 2))
    path = os.path.join(tempfile.mkdtemp(), "ckpt.pt")
    torch.save({"model": net.state_dict(), "epoch": 3}, path)
    fresh = load_for_inference(path, nn.Sequential(nn.Linear(4, 8), nn.Dropout(0.5), nn.Linear(8, 2)))
    print(predict(fresh, torch.randn(2, 4)))
