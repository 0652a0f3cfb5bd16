"""transfer_beats_scratch: 40 labelled images are enough, if you start pretrained.

The point of transfer learning, measured: the same network, the same data
and the same training budget, once from the dlings-pretrained weights and
once from random weights. The check trains both with your function on 40
images of four shape classes the backbone never saw, and compares them.

Write train_small(x, y, num_classes, steps, pretrained): start from
data.pretrained_backbone() if pretrained, else from data.ShapesCNN() (the
same layout, random weights); give it a new head for num_classes (as in
transfer_replace_head); train EVERY parameter with torch.optim.Adam, lr 1e-3,
for exactly `steps` steps, each on the whole of (x, y) with cross-entropy.
Return the trained model.

Read: docs/DATA.md (pretrained backbones), torch.nn.functional.cross_entropy
"""
import torch
import torch.nn.functional as F
from torch import nn

from dlings import data


def train_small(x: torch.Tensor, y: torch.Tensor, num_classes: int, steps: int, pretrained: bool) -> nn.Module:
    # TODO: the starting model (pretrained or random), a new head
    model = ...
    # TODO: Adam over every parameter, lr 1e-3; `steps` full-batch steps
    ...
    return model


if __name__ == "__main__":
    s = data.shapes(120, classes=10, seed=0)
    keep = s.y >= 6
    model = train_small(s.x[keep], s.y[keep] - 6, 4, steps=30, pretrained=True)
    print(model.head)
