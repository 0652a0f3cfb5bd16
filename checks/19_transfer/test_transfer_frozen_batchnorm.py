"""transfer_frozen_batchnorm: after head-only training with train_mode(model) before every step, the frozen
BatchNorm layers hold exactly their pretrained running statistics; Dropout and trainable BatchNorm still train.

Training is 20 full-batch steps on 40 images of the new classes (about 0.3 s on one thread).
With plain model.train() the running means move by 0.05-0.5 after these steps.
"""
import torch
from torch import nn

from dlings.testing import expect, expect_untouched, fail, snapshot
from support_19_transfer import backbone, new_task

BNS = (nn.BatchNorm1d, nn.BatchNorm2d, nn.BatchNorm3d)


def _model(frozen_blocks=3):
    model = backbone()
    model.head = nn.Sequential(nn.Dropout(0.3), nn.Linear(64, 4))
    for block in model.features[:frozen_blocks]:
        block.requires_grad_(False)
    return model


def _call(exercise, model, what):
    got = exercise.train_mode(model)
    if got is None or got is Ellipsis:
        fail(f"{what} returned {got!r}.", hint="finish the TODO and return the model, as model.train() does.")
    expect(got is model, f"{what} returned a different object than the model it was given.",
           hint="switch modes on the model you were given and return it.")


def _expect_modes(model, what):
    expect(model.training, f"after {what}, the model itself is in eval mode (model.training is False).",
           hint="switch the model to training mode first: model.train(); then only the frozen BatchNorm layers go "
                "back to eval mode.")
    drop = [n for n, m in model.named_modules() if isinstance(m, nn.Dropout) and not m.training]
    expect(not drop, f"after {what}, the Dropout in {', '.join(drop)} is in eval mode: it would not drop anything "
                     "while the head trains.",
           hint="only frozen BatchNorm layers go to eval mode; model.eval() on the whole model switches Dropout off "
                "too.")
    for name, m in model.named_modules():
        if not isinstance(m, BNS):
            continue
        frozen = not any(p.requires_grad for p in m.parameters())
        if frozen and m.training:
            hint = ("BatchNorm1d and BatchNorm3d count too: test isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d, "
                    "nn.BatchNorm3d)).") if not isinstance(m, nn.BatchNorm2d) else (
                    "a BatchNorm in training mode normalises with each batch's statistics and overwrites its "
                    "pretrained running statistics (momentum=0 stops only the second). Call .eval() on each frozen "
                    "BatchNorm layer: walk model.modules().")
            fail(f"after {what}, the frozen {type(m).__name__} {name} is in training mode.", hint=hint)
        if not frozen and not m.training:
            fail(f"after {what}, the BatchNorm {name} is in eval mode, but its parameters still train "
                 "(requires_grad True).",
                 hint="only BatchNorm layers whose parameters are ALL frozen go to eval mode; model.features.eval() "
                      "also stops a block of features that is being fine-tuned. Decide per layer from "
                      "p.requires_grad.")


def test_modes(exercise):
    model = _model()
    model.eval()                                     # starts in eval mode: train_mode must switch on the rest
    _call(exercise, model, "train_mode(model) (all three feature blocks frozen)")
    _expect_modes(model, "train_mode(model) (all three feature blocks frozen)")

    model = _model(frozen_blocks=2)
    _call(exercise, model, "train_mode(model) (feature blocks 0 and 1 frozen, block 2 trainable)")
    _expect_modes(model, "train_mode(model) (feature blocks 0 and 1 frozen, block 2 trainable)")

    torch.manual_seed(0)
    mixed = nn.Sequential(nn.Linear(6, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Dropout(0.2), nn.Linear(8, 8),
                          nn.BatchNorm1d(8), nn.Linear(8, 2))
    mixed[0].requires_grad_(False)
    mixed[1].requires_grad_(False)
    _call(exercise, mixed, "train_mode(model) (a model with a frozen and a trainable BatchNorm1d)")
    _expect_modes(mixed, "train_mode(model) (a model with a frozen and a trainable BatchNorm1d)")

    for frozen_part in ("weight", "bias"):          # half frozen still trains: ALL its parameters must be frozen
        torch.manual_seed(0)
        half = nn.Sequential(nn.Linear(6, 8), nn.BatchNorm1d(8), nn.Linear(8, 2))
        getattr(half[1], frozen_part).requires_grad_(False)
        what = f"train_mode(model) (a BatchNorm1d with only its {frozen_part} frozen)"
        _call(exercise, half, what)
        expect(half[1].training, f"after {what}, that BatchNorm is in eval mode, but its "
                                 f"{'bias' if frozen_part == 'weight' else 'weight'} still trains.",
               hint="a BatchNorm goes to eval mode only when ALL its parameters are frozen: "
                    "not any(p.requires_grad for p in m.parameters()).")


def test_running_statistics_survive_training(exercise, report):
    torch.manual_seed(0)
    model = _model()
    x, y = new_task(40, seed=1)
    frozen_bns = {n: m for n, m in model.named_modules() if isinstance(m, BNS)}
    before = snapshot(frozen_bns)
    opt = torch.optim.Adam(model.head.parameters(), lr=1e-2)
    for step in range(1, 21):
        _call(exercise, model, "train_mode(model)")
        loss = nn.functional.cross_entropy(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        report("loss", loss.item(), step)
    expect_untouched(frozen_bns, before, "the frozen BatchNorm layers' running statistics after 20 training steps",
                     hint="a BatchNorm in training mode replaces its pretrained running_mean/running_var with the new "
                          "data's; eval() on the frozen BatchNorm layers keeps them.")
