import torch
from torch import nn

from dlings.testing import expect, expect_close, expect_parameter_names, expect_shape
from support_09_modules import build

TASKS = {"age": 1, "species": 3, "colour": 5}


def test_heads_are_registered(exercise):
    net = build(exercise.MultiTask, 4, 6, TASKS)
    heads = getattr(net, "heads", None)
    expect(heads is not None, "MultiTask(4, 6, tasks) has no `heads` attribute yet.",
           hint="finish the TODO in __init__: self.heads = nn.ModuleDict(...).")
    expect(isinstance(heads, nn.ModuleDict),
           f"net.heads should be an nn.ModuleDict, got {type(heads).__name__}.",
           hint="a plain dict hides its layers from .parameters(), state_dict() and optimizers: wrap it, "
           "nn.ModuleDict({...}).")
    expect(sorted(heads.keys()) == sorted(TASKS), f"net.heads has keys {sorted(heads.keys())}; expected one "
           f"head per task: {sorted(TASKS)}.")
    expect(len({id(h) for h in heads.values()}) == len(TASKS),
           "several tasks share the same head object, so they share weights.",
           hint="create a new nn.Linear for every task (dict.fromkeys(tasks, layer) reuses one layer).")
    expect_parameter_names(net, ["trunk.0.weight", "trunk.0.bias"] +
                           [f"heads.{t}.{p}" for t in TASKS for p in ("weight", "bias")], "MultiTask(4, 6, tasks)")
    for task, n_out in TASKS.items():
        expect_shape(heads[task].weight, (n_out, 6), f"net.heads[{task!r}].weight",
                     hint="each head is Linear(n_hidden, n_out of that task): weight shape (n_out, n_hidden).")


def test_forward_picks_the_head(exercise):
    torch.manual_seed(0)
    net = build(exercise.MultiTask, 4, 6, TASKS)
    x = torch.randn(5, 4)
    h = net.trunk(x)
    for task in TASKS:
        head = net.heads[task]
        expect_close(net(x, task), head(h), f"net(x, {task!r}) for x of shape (5, 4)",
                     hint="forward should run self.trunk(x), then the head of that task on the result.")
