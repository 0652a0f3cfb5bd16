"""transfer_gradual_unfreeze: wake the backbone up one block at a time, from the top.

Gradual unfreezing (ULMFiT) fine-tunes in stages: first only the new head
trains, then also the LAST block of the backbone (its most task-specific
features), then the one before it, and so on; the first blocks (edges and
colours, useful for any task) are unfrozen last, if ever.

Write unfreeze_next(model, optimizer, lr): find the deepest block of
model.features (an nn.Sequential of blocks) that is still frozen (NONE of
its parameters requires grad; a block with any trainable parameter already
trains), unfreeze it, and add its parameters to the
optimizer as a new parameter group with learning rate lr. Return that block's
index. When every block already trains, change nothing and return None.

Read: torch.optim.Optimizer.add_param_group, torch.nn.Module.requires_grad_
"""
import torch
from torch import nn

from dlings import data


def unfreeze_next(model: nn.Module, optimizer: torch.optim.Optimizer, lr: float) -> int | None:
    # TODO: unfreeze the deepest frozen block of model.features and give it to the optimizer
    raise NotImplementedError


if __name__ == "__main__":
    model = data.pretrained_backbone()
    model.features.requires_grad_(False)
    optimizer = torch.optim.Adam(model.head.parameters(), lr=1e-2)
    print([unfreeze_next(model, optimizer, 1e-3) for _ in range(4)], "(expected [2, 1, 0, None])")
