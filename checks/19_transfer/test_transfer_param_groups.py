"""transfer_param_groups: two groups (head at head_lr, every other parameter at backbone_lr), each parameter in
exactly one; a first Adam step moves each parameter by about its group's lr; fine-tuning works.

Fine-tuning measured on 2 cores, one thread (Adam, head 3e-3, backbone 3e-4, 30 full-batch steps on 40
images of the new classes): 93-94 % test accuracy (seeds 0-2), about 0.5 s of CPU. Bar: 80 %.
"""
import torch
from torch import nn

from dlings.testing import expect, expect_close, fail
from support_19_transfer import accuracy, backbone, expect_optimizer, new_task, params_of

BAR = 0.80


class Net(nn.Module):
    """A backbone with parameters outside `features` too: the stem and a scale. The scale's name starts with
    "head" but it is no part of model.head: choosing by name ("head" in name) catches it too."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Linear(5, 8)
        self.features = nn.Sequential(nn.ReLU(), nn.Linear(8, 8), nn.ReLU())
        self.head_scale = nn.Parameter(torch.ones(8))
        self.head = nn.Linear(8, 3)

    def forward(self, x):
        return self.head(self.features(self.stem(x)) * self.head_scale)


def _optimizer(exercise, model, head_lr, backbone_lr):
    what = f"fine_tune_optimizer(model, head_lr={head_lr}, backbone_lr={backbone_lr})"
    try:
        opt = exercise.fine_tune_optimizer(model, head_lr, backbone_lr)
    except ValueError as exc:
        if "more than one parameter group" in str(exc):
            fail(f"{what} raised: {exc}",
                 hint="model.parameters() includes the head's parameters: the backbone group must hold every "
                      "parameter EXCEPT the head's (filter them out, e.g. by id(p)).")
        raise
    return expect_optimizer(opt, what), what


def _check_groups(exercise, model, head_lr, backbone_lr):
    opt, what = _optimizer(exercise, model, head_lr, backbone_lr)
    expect(isinstance(opt, torch.optim.Adam), f"{what} is a {type(opt).__name__}; the docstring asks for Adam.")
    head = params_of(model.head)
    rest = {id(p) for p in model.parameters()} - head
    names = {id(p): n for n, p in model.named_parameters()}
    groups = opt.param_groups
    expect(len(groups) == 2, f"{what} has {len(groups)} parameter group(s); it should have two (head, backbone).",
           hint="pass a list of two dicts: [{'params': backbone, 'lr': backbone_lr}, {'params': head, 'lr': head_lr}]."
           if len(groups) == 1 else None)
    ids = [{id(p) for p in g["params"]} for g in groups]
    head_group = [i for i, s in enumerate(ids) if s & head]
    expect(len(head_group) == 1, f"{what}: no group holds the head's parameters.",
           hint="one group is model.head.parameters().")
    hg = head_group[0]
    bg = 1 - hg
    missing = rest - ids[bg]
    by_name = "choose the head's parameters by module (model.head.parameters()), not by name: head_scale is a " \
              "backbone parameter whose name starts with 'head'."
    expect(not missing, f"{what}: the backbone group lacks {', '.join(sorted(names[i] for i in missing))}.",
           hint=by_name if missing <= ids[hg] else
           "the backbone is every parameter that is not in model.head, not only model.features: collect "
           "model.parameters() and leave out the head's.")
    expect(ids[hg] == head, f"{what}: the head's group holds more than model.head's parameters.", hint=by_name)
    lr_hint = "each group's dict sets its own \"lr\": the head's group head_lr, the backbone's backbone_lr."
    if groups[hg]["lr"] == backbone_lr and groups[bg]["lr"] == head_lr:
        fail(f"{what}: the head's group has lr {groups[hg]['lr']} and the backbone's {groups[bg]['lr']}: swapped.",
             hint=lr_hint)
    expect(groups[hg]["lr"] == head_lr, f"{what}: the head's group has lr {groups[hg]['lr']}, not {head_lr}.",
           hint=lr_hint)
    expect(groups[bg]["lr"] == backbone_lr,
           f"{what}: the backbone's group has lr {groups[bg]['lr']}, not {backbone_lr}.", hint=lr_hint)
    return opt


def test_groups(exercise):
    torch.manual_seed(0)
    _check_groups(exercise, Net(), 0.1, 0.001)
    model = backbone()
    model.head = nn.Linear(64, 4)
    _check_groups(exercise, model, 3e-3, 3e-4)


def test_first_step_sizes(exercise):
    # Adam's first step moves every parameter with a non-zero gradient by almost exactly lr (times its sign).
    torch.manual_seed(1)
    model = Net()
    opt = _check_groups(exercise, model, 0.1, 0.001)
    before = {n: p.detach().clone() for n, p in model.named_parameters()}
    loss = nn.functional.cross_entropy(model(torch.randn(16, 5)), torch.randint(0, 3, (16,)))
    opt.zero_grad()
    loss.backward()
    opt.step()
    for name, p in model.named_parameters():
        lr = 0.1 if name.startswith("head.") else 0.001
        step = (p.detach() - before[name]).abs().max()
        expect_close(step, torch.tensor(lr), f"the largest change of {name} after one Adam step (its group's lr)",
                     rtol=0.02, atol=0.0)


def test_fine_tuning_learns(exercise, report):
    torch.manual_seed(0)
    model = backbone()
    model.head = nn.Linear(64, 4)
    opt = _check_groups(exercise, model, 3e-3, 3e-4)
    x, y = new_task(40, seed=0)
    xt, yt = new_task(600, split="test")
    report.target("test_accuracy", BAR)
    model.train()
    for step in range(1, 31):
        loss = nn.functional.cross_entropy(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        report("loss", loss.item(), step)
    acc = accuracy(model, xt, yt)
    report("test_accuracy", acc, 30)
    expect(acc >= BAR, f"fine-tuned with your optimizer for 30 steps the model gets {acc:.1%} of the new test images "
                       f"right; the bar is {BAR:.0%} (the reference reaches 93-94 %).")
