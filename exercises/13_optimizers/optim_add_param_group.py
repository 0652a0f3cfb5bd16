"""optim_add_param_group: unfreeze part of a model in the middle of training.

A common fine-tuning plan: train the new head first, with the body frozen
(requires_grad False, and not given to the optimiser); later unfreeze the
body and train it too, with a smaller learning rate. The optimiser already
holds the head's state (Adam's m and v for each head parameter): keep that
optimiser and ADD the body to it as a new parameter group.
Write unfreeze(model, optimizer, body_lr): every parameter of model.body
requires grad again and is in the optimiser with lr=body_lr (the other
settings: the optimiser's defaults). Change nothing else: model.stem stays
frozen and out of the optimiser, and the head keeps its lr and state.

Read: torch.optim.Optimizer.add_param_group, torch.nn.Module.requires_grad_
"""
import torch


def unfreeze(model, optimizer, body_lr):
    # TODO
    ...


if __name__ == "__main__":
    model = torch.nn.Module()
    model.stem, model.body, model.head = torch.nn.Linear(3, 4), torch.nn.Linear(4, 4), torch.nn.Linear(4, 2)
    model.stem.requires_grad_(False)
    model.body.requires_grad_(False)
    opt = torch.optim.AdamW(model.head.parameters(), lr=1e-2)
    unfreeze(model, opt, body_lr=1e-3)
    print([(g["lr"], len(g["params"])) for g in opt.param_groups], "(expected [(0.01, 2), (0.001, 2)])")
