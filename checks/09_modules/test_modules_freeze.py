import copy

import torch
import torch.nn.functional as F
from torch import nn

from dlings.testing import expect, expect_close, fail


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.backbone = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 8), nn.Tanh())
        self.head = nn.Linear(8, 2)

    def forward(self, x):
        return self.head(self.backbone(x))


def setup():
    torch.manual_seed(0)
    model = Net()
    x = torch.randn(32, 4)
    y = torch.randn(32, 2)
    return model, x, y


def reference(model, x, y, steps, lr, zero_grad=True, freeze=True):
    model = copy.deepcopy(model)
    if freeze:
        model.backbone.requires_grad_(False)
    opt = torch.optim.SGD([p for p in model.parameters() if p.requires_grad], lr=lr)
    losses = []
    for _ in range(steps):
        if zero_grad:
            opt.zero_grad()
        loss = F.mse_loss(model(x), y)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    return model, losses


def test_only_the_head_trains(exercise):
    model, x, y = setup()
    steps, lr = 15, 0.2
    before = {k: v.clone() for k, v in model.state_dict().items()}
    ref, ref_losses = reference(model, x, y, steps, lr)
    no_zero, no_zero_losses = reference(model, x, y, steps, lr, zero_grad=False)
    losses = exercise.train_head(model, x, y, steps, lr)

    if isinstance(losses, (list, tuple)) and losses and isinstance(losses[0], torch.Tensor):
        fail("train_head returned a list of tensors; return Python floats (loss.item()).",
             hint="keeping loss tensors keeps their whole graphs alive; .item() gives a float.")
    expect(isinstance(losses, (list, tuple)) and len(losses) == steps,
           f"train_head(..., steps={steps}) should return a list of {steps} losses, got {losses!r}"[:200] + ".",
           hint="append loss.item() once per step and return the list.")
    expect(all(isinstance(v, float) for v in losses), "train_head should return Python floats (loss.item()).")
    for name, p in model.backbone.named_parameters():
        expect(not p.requires_grad, f"model.backbone.{name}.requires_grad is still True after train_head.",
               hint="`module.requires_grad = False` only sets a new Python attribute; call "
               "model.backbone.requires_grad_(False) (with the underscore), or p.requires_grad_(False) per parameter.")
    for name, p in model.head.named_parameters():
        expect(p.requires_grad, f"model.head.{name}.requires_grad is False: the head was frozen too.",
               hint="freeze model.backbone only; the head is what we train.")
    for name, value in model.backbone.state_dict().items():
        expect_close(value, before["backbone." + name], f"model.backbone.{name} after train_head",
                     hint="the backbone changed: its parameters must be frozen before the optimizer steps.")
    expect_close(torch.tensor(losses), torch.tensor(ref_losses), "the losses returned by train_head",
                 rtol=1e-4, atol=1e-6, mistakes={
                     "gradients accumulate from step to step: call optimizer.zero_grad() at every step.":
                         torch.tensor(no_zero_losses)})
    for name, value in model.head.state_dict().items():
        expect_close(value, ref.head.state_dict()[name], f"model.head.{name} after {steps} steps", rtol=1e-4,
                     atol=1e-6, mistakes={"gradients accumulate from step to step: call optimizer.zero_grad() at "
                                          "every step.": no_zero.head.state_dict()[name]})


def test_frozen_parameters_get_no_gradient(exercise):
    model, x, y = setup()
    exercise.train_head(model, x, y, 2, 0.1)
    for name, p in model.backbone.named_parameters():
        expect(p.grad is None, f"model.backbone.{name}.grad is not None: a gradient was computed for it.",
               hint="freeze the backbone BEFORE the first backward(): frozen parameters then get no gradient at all.")
