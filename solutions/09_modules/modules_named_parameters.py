"""modules_named_parameters: walking a model's parameters by name.

model.named_parameters() yields (name, parameter) pairs such as
("encoder.0.weight", tensor): every trainable tensor once, buffers excluded.
A common use: weight decay applies to weight matrices, not to biases or
normalisation scales.

Write split_for_weight_decay(model) returning two lists of names, in
named_parameters() order: `decay` holds parameters with 2 or more dimensions,
`no_decay` the others (biases, LayerNorm/BatchNorm weights). Parameters with
requires_grad=False (frozen) go in neither list.

Read: torch.nn.Module.named_parameters, torch.optim.AdamW (parameter groups)
"""
import torch
from torch import nn


def split_for_weight_decay(model: nn.Module) -> tuple[list[str], list[str]]:
    decay, no_decay = [], []
    # TODO: fill both lists from model.named_parameters()
    for name, p in model.named_parameters():
        if not p.requires_grad:
            continue
        (decay if p.ndim >= 2 else no_decay).append(name)
    return decay, no_decay


if __name__ == "__main__":
    model = nn.Sequential(nn.Linear(4, 8), nn.LayerNorm(8), nn.Linear(8, 2))
    decay, no_decay = split_for_weight_decay(model)
    print("decay:", decay, "no decay:", no_decay)
    params = dict(model.named_parameters())
    torch.optim.AdamW([{"params": [params[n] for n in decay], "weight_decay": 0.01},
                       {"params": [params[n] for n in no_decay], "weight_decay": 0.0}])
