"""transfer_param_groups: fine-tune everything, the pretrained part more gently.

Fine-tuning trains the whole pretrained network, but the backbone already
holds good features: a large learning rate would wreck them, while the new
head starts from random and needs a large one. An optimizer takes a list of
parameter groups, each a dict with its own "params" and "lr".

Write fine_tune_optimizer(model, head_lr, backbone_lr): torch.optim.Adam with
two groups: the parameters of model.head at head_lr, and every OTHER
parameter of the model (not only model.features) at backbone_lr. Each
parameter belongs to exactly one group.

Read: torch.optim (per-parameter options), torch.optim.Adam
"""
import torch
from torch import nn

from dlings import data


def fine_tune_optimizer(model: nn.Module, head_lr: float, backbone_lr: float) -> torch.optim.Optimizer:
    head = list(model.head.parameters())
    in_head = {id(p) for p in head}
    backbone = [p for p in model.parameters() if id(p) not in in_head]
    return torch.optim.Adam([{"params": backbone}, {"params": head}], lr=head_lr)


if __name__ == "__main__":
    model = data.pretrained_backbone()
    model.head = nn.Linear(64, 4)
    for group in fine_tune_optimizer(model, 3e-3, 3e-4).param_groups:
        print(len(group["params"]), "tensors at lr", group["lr"])
