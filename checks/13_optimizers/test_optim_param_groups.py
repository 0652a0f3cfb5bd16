import torch
from torch import nn

from dlings.testing import expect, expect_close, fail


def _model_a():
    torch.manual_seed(0)
    m = nn.Module()
    m.body = nn.Sequential(nn.Linear(4, 8), nn.LayerNorm(8), nn.ReLU(), nn.Linear(8, 8))
    m.head = nn.Linear(8, 3)
    return m


def _model_b():
    """A conv body with BatchNorm, and a head with a LayerNorm and no bias."""
    torch.manual_seed(1)
    m = nn.Module()
    m.body = nn.Sequential(nn.Conv2d(3, 4, 3), nn.BatchNorm2d(4), nn.Flatten(), nn.Linear(16, 6))
    m.head = nn.Sequential(nn.LayerNorm(6), nn.Linear(6, 2, bias=False))
    return m


def _model_c():
    """A body with a projection module of its own named "head": only model.head is THE head."""
    torch.manual_seed(2)
    m = nn.Module()
    m.body = nn.Module()
    m.body.stem = nn.Linear(4, 6)
    m.body.head = nn.Linear(6, 6)
    m.head = nn.Linear(6, 2)
    return m


CASES = [(_model_a, 1e-4, 1e-2, 0.05), (_model_b, 3e-3, 3e-2, 0.2), (_model_c, 2e-4, 5e-3, 0.1)]
WHAT = "make_optimizer(model, lr={lr}, head_lr={head_lr}, weight_decay={wd})"


def _expected(model, name, p, lr, head_lr, wd):
    return (head_lr if name.startswith("head.") else lr), (wd if p.dim() >= 2 else 0.0)


def _groups_of(opt, p):
    return [g for g in opt.param_groups if any(q is p for q in g["params"])]


def _build(exercise, model, lr, head_lr, wd, what):
    try:
        opt = exercise.make_optimizer(model, lr, head_lr, wd)
    except ValueError as exc:
        if "more than one parameter group" in str(exc):
            fail(f"{what} raised ValueError: {exc}",
                 hint="a parameter was put in two groups (torch refuses that). Build the groups so each parameter "
                      "lands in exactly one: e.g. loop over model.named_parameters() once and sort each p into "
                      "its group.")
        raise
    if opt is None or opt is Ellipsis:
        fail(f"{what} returned {opt!r}; expected a torch.optim.AdamW.",
             hint="finish the TODO and return the optimiser.")
    expect(isinstance(opt, torch.optim.AdamW), f"{what} returned a {type(opt).__name__}; expected torch.optim.AdamW.",
           hint="torch.optim.AdamW(list_of_groups, lr=lr).")
    return opt


def test_every_parameter_in_one_group_with_its_settings(exercise):
    for make, lr, head_lr, wd in CASES:
        model = make()
        what = WHAT.format(lr=lr, head_lr=head_lr, wd=wd)
        opt = _build(exercise, model, lr, head_lr, wd, what)
        for name, p in model.named_parameters():
            groups = _groups_of(opt, p)
            if not groups:
                fail(f"{what}: the parameter {name} (shape {tuple(p.shape)}) is in no group, so it would never "
                     "train.", hint="every parameter of the model belongs in some group: walk model.parameters() "
                                    "(or named_parameters()), not only the body or only the head.")
            want_lr, want_wd = _expected(model, name, p, lr, head_lr, wd)
            group = groups[0]
            if group["lr"] != want_lr:
                where = "in model.head" if name.startswith("head.") else "outside model.head"
                if "head" in name and not name.startswith("head."):
                    fail(f"{what}: {name} ({where}) trains with lr={group['lr']}; expected {want_lr}.",
                         hint="a name that merely CONTAINS 'head' is not in model.head: this body has a module of "
                              "its own called head. Test membership in model.head.parameters() (by id(p)), or "
                              "name.startswith('head.').")
                fail(f"{what}: {name} ({where}) trains with lr={group['lr']}; expected {want_lr}.",
                     hint="the head's parameters get head_lr and all others lr; a group without an \"lr\" key uses "
                          "the default lr given to AdamW, and a misspelt key (\"learning_rate\") is silently "
                          "ignored.")
            if group["weight_decay"] != want_wd:
                shape = f"shape {tuple(p.shape)}, {p.dim()}-D"
                hint = ("the rule is by number of dimensions (p.dim() >= 2, or p.ndim), not by name: a LayerNorm "
                        "or BatchNorm weight is 1-D and gets no decay, though its name ends in 'weight'."
                        if p.dim() < 2 and name.endswith("weight") else
                        "weight matrices and conv kernels (2 or more dims) get weight_decay; 1-D parameters get 0. "
                        "Without a \"weight_decay\" key a group takes AdamW's default, 0.01.")
                fail(f"{what}: {name} ({shape}) has weight_decay={group['weight_decay']}; expected {want_wd}.",
                     hint=hint)
        for group in opt.param_groups:
            for key, default in [("betas", (0.9, 0.999)), ("eps", 1e-8), ("amsgrad", False), ("maximize", False)]:
                expect(tuple(group[key]) == default if key == "betas" else group[key] == default,
                       f"{what}: a group has {key}={group[key]!r}; the task keeps AdamW's default {default!r}.",
                       hint=f"set only params, lr and weight_decay in each group; leave {key} alone.")


def test_steps_like_the_reference(exercise):
    """Three steps with made-up gradients: the parameters move exactly as under the intended groups."""
    for make, lr, head_lr, wd in CASES:
        mine, ref_model = make(), make()
        what = WHAT.format(lr=lr, head_lr=head_lr, wd=wd)
        opt = _build(exercise, mine, lr, head_lr, wd, what)
        named = list(ref_model.named_parameters())
        ref = torch.optim.AdamW([{"params": [p], "lr": _expected(ref_model, n, p, lr, head_lr, wd)[0],
                                  "weight_decay": _expected(ref_model, n, p, lr, head_lr, wd)[1]} for n, p in named],
                                lr=lr)
        g = torch.Generator().manual_seed(3)
        for step in range(3):
            for (_, p), q in zip(named, mine.parameters()):
                grad = torch.randn(p.shape, generator=g)
                p.grad, q.grad = grad.clone(), grad.clone()
            opt.step()
            ref.step()
        for (name, p), q in zip(named, mine.parameters()):
            expect_close(q.detach(), p.detach(), f"{name} after 3 steps of the optimiser from {what}", rtol=1e-6,
                         atol=1e-7)
