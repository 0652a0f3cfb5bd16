"""transfer_feature_extraction: frozen backbone (no gradient reaches it, its weights never move), the optimizer
holds exactly the new head, and the result learns four new classes from 40 images.

Measured on 2 cores, one thread: the reference (Adam 1e-2, 30 full-batch steps on 40 images of shapes
classes 6-9, backbone in eval mode) reaches 91-93 % test accuracy (seeds 0-2) in about 0.3 s of CPU;
the same layout from scratch stays at 32-40 %. Bars: 60 % after 15 steps (fail fast), 80 % after 30.
"""
import torch
from torch import nn

from dlings.testing import expect, expect_equal, fail
from support_19_transfer import (accuracy, backbone, expect_module, expect_optimizer, new_task, optimizer_params,
                                 params_of)

LR = 1e-2
STEPS = 30
BAR = 0.80
HALF_BAR = 0.60


def _build(exercise, k=4, lr=LR):
    torch.manual_seed(0)
    got = exercise.feature_extractor(k, lr)
    if got is None or got is Ellipsis:
        fail(f"feature_extractor({k}, {lr}) gave {got!r}.", hint="return the pair (model, optimizer).")
    expect(isinstance(got, tuple) and len(got) == 2, f"feature_extractor({k}, {lr}) should return a pair "
                                                     f"(model, optimizer), not {type(got).__name__}.")
    model = expect_module(got[0], f"the model from feature_extractor({k}, {lr})")
    opt = expect_optimizer(got[1], f"the optimizer from feature_extractor({k}, {lr})")
    return model, opt


def _check_structure(model, opt, k, lr):
    head = getattr(model, "head", None)
    expect(isinstance(head, nn.Linear) and head.out_features == k,
           f"model.head should be an nn.Linear with {k} outputs, but it is {head!r}.",
           hint="replace the head as in transfer_replace_head: nn.Linear(model.head.in_features, num_classes).")
    frozen_head = [n for n, p in head.named_parameters() if not p.requires_grad]
    expect(not frozen_head, f"the new head's {', '.join(frozen_head)} has requires_grad=False: the head cannot learn.",
           hint="freeze the pretrained model FIRST, then attach the new head: a new nn.Linear is trainable; "
                "freezing every parameter after the head is in place freezes the head too.")
    trainable = [n for n, p in model.named_parameters() if p.requires_grad and not n.startswith("head.")]
    expect(not trainable, f"{len(trainable)} pretrained parameters still require grad (e.g. {', '.join(trainable[:3])}).",
           hint="freeze the backbone: model.requires_grad_(False) before replacing the head (or requires_grad_(False) "
                "on every parameter outside the head).")
    expect(isinstance(opt, torch.optim.Adam), f"the optimizer is {type(opt).__name__}; the docstring asks for "
                                              "torch.optim.Adam.")
    held = optimizer_params(opt)
    head_ids = params_of(head)
    stale = [p for p in held if id(p) not in {id(q) for q in model.parameters()}]
    expect(not stale, f"the optimizer holds {len(stale)} tensor(s) that are not parameters of the returned model.",
           hint="build the optimizer AFTER the new head is in place: an optimizer made earlier holds the OLD head's "
                "parameters, and steps never reach the new one.")
    extra = [p for p in held if id(p) not in head_ids]
    expect(not extra, f"the optimizer holds {len(held)} tensors, {len(extra)} of them outside the head.",
           hint="a feature extractor's optimizer holds only what trains: torch.optim.Adam(model.head.parameters(), "
                "lr=lr), not model.parameters().")
    expect_equal(len({id(p) for p in held}), len(head_ids), "how many of the head's parameters the optimizer holds",
                 hint="give the optimizer every parameter of the head (weight and bias).")
    for group in opt.param_groups:
        expect_equal(group["lr"], lr, f"the optimizer's learning rate (feature_extractor(..., lr={lr}))")


def test_structure(exercise):
    for k, lr in ((4, LR), (1, 3e-3)):
        model, opt = _build(exercise, k, lr)
        _check_structure(model, opt, k, lr)
    ref = backbone()
    for (name, p), (_, q) in zip(model.features.named_parameters(), ref.features.named_parameters()):
        expect(torch.equal(p, q), f"model.features.{name} is not the pretrained value.",
               hint="start from data.pretrained_backbone(): a new model (data.ShapesCNN()) has random weights.")


def test_only_the_head_learns(exercise, report):
    model, opt = _build(exercise)
    x, y = new_task(40, seed=0)
    xt, yt = new_task(600, split="test")
    before = {n: p.detach().clone() for n, p in model.named_parameters() if not n.startswith("head.")}
    report.target("test_accuracy", BAR)
    model.train()
    model.features.eval()           # BatchNorm statistics stay (the next exercise is about this)
    for step in range(1, STEPS + 1):
        loss = nn.functional.cross_entropy(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        report("loss", loss.item(), step)
        report.progress(step, STEPS)
        if step == STEPS // 2:
            acc = accuracy(model, xt, yt)
            report("test_accuracy", acc, step)
            expect(acc >= HALF_BAR, f"after {step} steps the model gets {acc:.0%} of the new test images right (chance "
                                    f"is 25 %; the reference is above 85 % by now).",
                   hint="is the head the thing the optimizer updates, and is the backbone the pretrained one?")
    with_grad = [n for n, p in model.named_parameters() if not n.startswith("head.") and p.grad is not None]
    expect(not with_grad, f"after training, {len(with_grad)} backbone parameters hold a .grad "
                          f"(e.g. {', '.join(with_grad[:2])}): gradients reached the frozen backbone.",
           hint="requires_grad_(False) on the backbone means autograd does not even compute its gradients.")
    moved = [n for n, p in model.named_parameters() if n in before and not torch.equal(p, before[n])]
    expect(not moved, f"training changed {len(moved)} backbone parameters (e.g. {', '.join(moved[:2])}).")
    acc = accuracy(model, xt, yt)
    report("test_accuracy", acc, STEPS)
    expect(acc >= BAR, f"after {STEPS} steps the model gets {acc:.1%} of the new test images right; the bar is "
                       f"{BAR:.0%} (the reference reaches 91-93 %).")
