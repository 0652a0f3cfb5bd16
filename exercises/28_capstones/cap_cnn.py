"""cap_cnn: the image-classification project, step 1 of 5: the model.

The project (steps cap_cnn to cap_final) trains a classifier for the 6-class
`data.shapes` images, (N, 3, 16, 16) floats in [0, 1], the way a real project
does. First the model: write `make_model(num_classes)`, a CNN with AT LEAST
THREE nn.Conv2d layers that all run in forward, one after the other, giving
(N, num_classes) logits, with at most 50,000 parameters. Depth is the point:
the check trains your model 6 epochs (Adam, OneCycle to lr 5e-3, batch 64) on
3,000 images and wants 90 % test accuracy; the same recipe with two conv
layers stays near 70 %. Stack conv, BatchNorm2d, ReLU blocks with pooling
between them, then a global pool and a Linear head.

Read: torch.nn.Conv2d, torch.nn.BatchNorm2d, torch.nn.MaxPool2d, torch.nn.AdaptiveAvgPool2d
"""
import torch
from torch import nn


def make_model(num_classes: int) -> nn.Module:
    # TODO: at least three conv layers in a row, then a global pool and a Linear to num_classes logits
    raise NotImplementedError


if __name__ == "__main__":
    model = make_model(6)
    print(model(torch.rand(2, 3, 16, 16)).shape, sum(p.numel() for p in model.parameters()), "parameters")
