import torch
from torch import nn

from dlings.testing import expect, expect_close, fail

HEAD_LR, WEIGHT_DECAY = 1e-2, 0.05


def _setup(seed):
    """stem -> body -> head; stem and body frozen; AdamW on the head only, trained for 3 steps."""
    torch.manual_seed(seed)
    model = nn.Module()
    model.stem = nn.Linear(3, 5)
    model.body = nn.Sequential(nn.Linear(5, 8), nn.Tanh(), nn.Linear(8, 6), nn.LayerNorm(6))
    model.head = nn.Linear(6, 2)
    model.stem.requires_grad_(False)
    model.body.requires_grad_(False)
    opt = torch.optim.AdamW(model.head.parameters(), lr=HEAD_LR, weight_decay=WEIGHT_DECAY)
    g = torch.Generator().manual_seed(seed)
    data = [(torch.randn(16, 3, generator=g), torch.randn(16, 2, generator=g)) for _ in range(6)]
    for x, y in data[:3]:
        _train_step(model, opt, x, y)
    return model, opt, data[3:]


def _train_step(model, opt, x, y):
    opt.zero_grad()
    loss = ((model.head(model.body(model.stem(x))) - y) ** 2).mean()
    loss.backward()
    opt.step()


def _group_of(opt, p):
    return next((g for g in opt.param_groups if any(q is p for q in g["params"])), None)


def test_unfreeze_adds_the_body(exercise):
    for seed, body_lr in [(0, 1e-3), (1, 3e-4)]:
        model, opt, later = _setup(seed)
        head_state = {id(p): opt.state[p]["exp_avg"].clone() for p in model.head.parameters()}
        what = f"after unfreeze(model, optimizer, body_lr={body_lr})"
        try:
            exercise.unfreeze(model, opt, body_lr)
        except ValueError as exc:
            if "more than one parameter group" in str(exc):
                fail(f"unfreeze raised ValueError: {exc}",
                     hint="the head's parameters are in the optimiser already: add only model.body's.")
            raise
        for name, p in model.body.named_parameters():
            expect(p.requires_grad, f"{what}, body.{name} still has requires_grad=False: backward() gives it no "
                   "gradient, so the optimiser skips it.", hint="model.body.requires_grad_(True).")
            group = _group_of(opt, p)
            if group is None:
                fail(f"{what}, body.{name} is not in the optimiser that was passed in, so step() never updates it.",
                     hint="optimizer.add_param_group({\"params\": model.body.parameters(), \"lr\": body_lr}) on "
                          "that optimiser; a new optimiser made inside unfreeze() is lost when it returns, and it "
                          "would forget the head's Adam state anyway.")
            expect(group["lr"] == body_lr, f"{what}, body.{name} trains with lr={group['lr']}; expected {body_lr}.",
                   hint="a group added without an \"lr\" key takes the optimiser's default lr (the head's).")
            expect(group["weight_decay"] == WEIGHT_DECAY and tuple(group["betas"]) == (0.9, 0.999),
                   f"{what}, the body's group has weight_decay={group['weight_decay']}, betas={group['betas']}; "
                   f"expected the optimiser's defaults ({WEIGHT_DECAY}, (0.9, 0.999)).",
                   hint="give the new group only \"params\" and \"lr\"; add_param_group fills in the rest.")
        for name, p in model.stem.named_parameters():
            expect(not p.requires_grad and _group_of(opt, p) is None,
                   f"{what}, stem.{name} was unfrozen or added to the optimiser; only model.body should be.",
                   hint="call requires_grad_ on model.body, not on the whole model, and add model.body.parameters().")
        for name, p in model.head.named_parameters():
            group = _group_of(opt, p)
            expect(group is not None and group["lr"] == HEAD_LR,
                   f"{what}, head.{name} {'left the optimiser' if group is None else 'has lr=%s' % group['lr']}; "
                   f"the head keeps its group and its lr {HEAD_LR}.", hint="change nothing about the head's group.")
            expect(p in opt.state and torch.equal(opt.state[p]["exp_avg"], head_state[id(p)]),
                   f"{what}, the optimiser lost the head's Adam state (head.{name}'s exp_avg).",
                   hint="keep the optimiser you were given and add a group to it; do not rebuild or reset it.")


def test_training_continues_like_the_reference(exercise):
    body_lr = 2e-3
    model, opt, later = _setup(2)
    ref_model, ref_opt, _ = _setup(2)
    exercise.unfreeze(model, opt, body_lr)
    ref_model.body.requires_grad_(True)
    ref_opt.add_param_group({"params": ref_model.body.parameters(), "lr": body_lr})
    for x, y in later:
        _train_step(model, opt, x, y)
        _train_step(ref_model, ref_opt, x, y)
    for (name, p), q in zip(ref_model.named_parameters(), model.parameters()):
        expect_close(q.detach(), p.detach(), f"{name} after unfreezing and 3 more training steps", rtol=1e-6,
                     atol=1e-7)
