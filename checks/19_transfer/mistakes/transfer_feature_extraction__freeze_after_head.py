"""transfer_feature_extraction: a frozen pretrained backbone, and a head that learns.

With few labelled images, a pretrained network is best used as a fixed
feature extractor: its weights stay exactly as they were pretrained, no
gradient is computed for them, and only a new head is trained.

Write feature_extractor(num_classes, lr) -> (model, optimizer):
- model: data.pretrained_backbone() with every pretrained parameter frozen
  (requires_grad False) and a new, trainable nn.Linear head giving
  num_classes logits (sized as in transfer_replace_head);
- optimizer: torch.optim.Adam over the head's parameters ONLY, learning rate lr.
The check trains it for 30 steps on 40 images of four new classes.

Read: torch.nn.Module.requires_grad_, torch.optim.Adam
"""
import torch
from torch import nn

from dlings import data


def feature_extractor(num_classes: int, lr: float) -> tuple[nn.Module, torch.optim.Optimizer]:
    model = data.pretrained_backbone()
    model.head = nn.Linear(model.head.in_features, num_classes)
    for p in model.parameters():
        p.requires_grad = False
    optimizer = torch.optim.Adam(model.head.parameters(), lr=lr)
    return model, optimizer


if __name__ == "__main__":
    model, optimizer = feature_extractor(4, 1e-2)
    print(sum(p.numel() for p in model.parameters() if p.requires_grad), "trainable parameters")
