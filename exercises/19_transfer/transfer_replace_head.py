"""transfer_replace_head: give a pretrained network a head for YOUR classes.

`data.pretrained_backbone()` is a small CNN that dlings pretrained on six
shape classes: model.features and model.pool turn an image into a feature
vector, model.head (an nn.Linear) turns it into six logits. A new task with
other classes keeps everything but the head.

Write replace_head(model, num_classes): put a fresh nn.Linear in place of
model.head, taking as many inputs as the old head did (read it from the old
head: not every backbone has 64 features) and giving num_classes logits, on
the old head's device and dtype, with a bias like the old one. Every other
weight stays as it was, and as trainable (freeze nothing here). Return the
model.

Read: torch.nn.Linear (in_features, out_features, device, dtype),
docs/DATA.md (pretrained backbones)
"""
import torch
from torch import nn

from dlings import data


def replace_head(model: nn.Module, num_classes: int) -> nn.Module:
    # TODO: a fresh nn.Linear in place of model.head, sized from the old head
    ...


if __name__ == "__main__":
    model = replace_head(data.pretrained_backbone(), 4)
    print(model.head, model(torch.rand(2, 3, 16, 16)).shape)
