"""optim_state_dict: pause training and resume it, bit for bit.

Adam's state (t, m and v for every parameter) is part of training: resume
with a fresh optimiser and the next steps go differently. So a checkpoint
holds the model's state_dict() AND the optimiser's. Beware: both hand you
the LIVE tensors (the parameters, Adam's m and v), not copies, so training
on would change a checkpoint kept in memory.
1. snapshot(model, optimizer): a checkpoint (any object) that later training
   cannot change.
2. restore(model, optimizer, checkpoint): make the model and the optimiser
   you are given (fresh ones, maybe built with another lr) exactly what they
   were at the snapshot, in place: settings, state and all. One checkpoint
   may be restored several times, with training in between.
The check trains 8 steps, snapshots, trains 8 more; fresh copies restored from
the snapshot then train the same 8: all must end BITWISE equal.

Read: torch.nn.Module.state_dict, torch.optim.Optimizer.state_dict,
torch.optim.Optimizer.load_state_dict, copy.deepcopy
"""
import copy

import torch


def snapshot(model, optimizer):
    # TODO
    ...


def restore(model, optimizer, checkpoint):
    # TODO
    ...


if __name__ == "__main__":
    model = torch.nn.Linear(3, 1)
    opt = torch.optim.Adam(model.parameters(), lr=0.1)
    model(torch.ones(2, 3)).sum().backward()
    opt.step()
    saved = snapshot(model, opt)
    bias_then = model.bias.item()
    opt.step()                                   # training goes on; the snapshot must not follow
    fresh = torch.nn.Linear(3, 1)
    fresh_opt = torch.optim.Adam(fresh.parameters(), lr=0.5)
    restore(fresh, fresh_opt, saved)
    print("bias", fresh.bias.item(), "expected", bias_then, "| lr", fresh_opt.param_groups[0]["lr"], "expected 0.1")
