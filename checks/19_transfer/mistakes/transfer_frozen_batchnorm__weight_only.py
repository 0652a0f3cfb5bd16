"""transfer_frozen_batchnorm: a frozen backbone must not learn through its BatchNorm either.

requires_grad_(False) stops the optimizer, but not BatchNorm: in training
mode it normalises with the statistics of each batch and overwrites its
pretrained running_mean and running_var with those of the new data. A frozen
BatchNorm must stay in eval mode while the rest of the model trains.

Write train_mode(model): switch the model to training mode (Dropout active),
then put back in eval mode every BatchNorm layer (BatchNorm1d, 2d or 3d)
whose parameters are all frozen (requires_grad False). BatchNorm layers that
still train stay in training mode. Return the model, as model.train() does.
The check calls it before every training step.

Read: torch.nn.Module.train, torch.nn.Module.modules, torch.nn.BatchNorm2d
(running statistics)
"""
import torch
from torch import nn

from dlings import data

BATCHNORMS = (nn.BatchNorm1d, nn.BatchNorm2d, nn.BatchNorm3d)


def train_mode(model: nn.Module) -> nn.Module:
    model.train()
    for module in model.modules():
        if isinstance(module, BATCHNORMS) and not module.weight.requires_grad:
            module.eval()
    return model


if __name__ == "__main__":
    model = data.pretrained_backbone()
    model.features.requires_grad_(False)
    train_mode(model)
    print([m.training for m in model.modules() if isinstance(m, nn.BatchNorm2d)], "(expected all False)")
