import torch
from torch import nn


def predict(model: nn.Module, x: torch.Tensor) -> torch.Tensor:
    # TODO
    was_training = model.training
    model.eval()
    try:
        return model(x)
    finally:
        model.train(was_training)

