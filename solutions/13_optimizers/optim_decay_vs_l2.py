"""optim_decay_vs_l2: weight_decay is an L2 term in the loss, except in AdamW.

torch.optim.SGD and torch.optim.Adam with weight_decay=wd add wd * p to each
gradient before using it: exactly the gradient of an L2 penalty in the loss.
1. Write l2_penalty(params, weight_decay): a 0-dim tensor which, added to the
   loss, adds weight_decay * p to the gradient of every p (params: any
   iterable of tensors, like model.parameters()). SGD or Adam on
   loss + l2_penalty then follows SGD or Adam with weight_decay, step by step.
2. AdamW's decay is no loss term: it shrinks the parameters directly. Write
   decoupled_decay_(optimizer, weight_decay): for every p that has a .grad,
   in place, p <- p * (1 - lr * weight_decay), with the lr of p's own group
   in optimizer.param_groups. Called just before a plain Adam's step(), it
   turns that Adam into torch.optim.AdamW.

Read: torch.optim.SGD, torch.optim.Adam, torch.optim.AdamW (weight_decay in each algorithm box)
"""
import torch


def l2_penalty(params, weight_decay):
    return 0.5 * weight_decay * sum((p ** 2).sum() for p in params)


def decoupled_decay_(optimizer, weight_decay):
    with torch.no_grad():
        for group in optimizer.param_groups:
            for p in group["params"]:
                if p.grad is not None:
                    p.mul_(1 - group["lr"] * weight_decay)


if __name__ == "__main__":
    w = torch.tensor([3.0, -4.0], requires_grad=True)
    l2_penalty([w], 0.1).backward()
    print("grad of the penalty", w.grad, "(expected 0.1 * w = [0.3, -0.4])")
