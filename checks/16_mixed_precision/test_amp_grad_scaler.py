"""float16 autocast on the CPU (this torch runs it) with torch.amp.GradScaler("cpu"). The reference runs the same
step on a copy of the model, so the weights agree to float32 rounding. max_norm is small enough that clipping
always binds, so clipping the scaled gradients (no unscale_ first) changes the step. The inf test makes the
first layer's weight gradient inf with a tensor hook: the step must be skipped and the scale halved.
Every model comes with stale .grad (1000 everywhere, about 0.25 once unscaled): the step must clear them first."""
import copy
import math
import numbers

import torch
import torch.nn.functional as F
from torch import nn

from dlings.testing import expect, expect_close, expect_untouched, fail, snapshot
from support_16_mixed_precision import call, linear_dtypes, mlp

INIT = 2.0**12


def _scaler():
    return torch.amp.GradScaler("cpu", init_scale=INIT, growth_factor=2.0, backoff_factor=0.5, growth_interval=1)


def _reference(model, x, y, max_norm, variant=None):
    model = copy.deepcopy(model)
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    scaler = _scaler()
    if variant != "no_zero_grad":
        opt.zero_grad()
    with torch.autocast("cpu", dtype=torch.float16):
        loss = F.cross_entropy(model(x), y)
    if variant == "no_scale":
        scaler.scale(loss)  # the scaler needs one scale() call before unscale_
        loss.backward()
    else:
        scaler.scale(loss).backward()
    if variant != "no_unscale":
        scaler.unscale_(opt)
    if variant != "no_clip":
        nn.utils.clip_grad_norm_(model.parameters(), max_norm)
    scaler.step(opt)
    scaler.update()
    return dict(model.named_parameters()), loss.item()


def _case(seed, batch, n_in, n_out):
    model = mlp(seed, n_in, 16, n_out)
    for p in model.parameters():  # old gradients from an earlier step: the step must clear them first
        p.grad = torch.full_like(p, 1000.0)  # about 0.25 once unscaled by 2**12
    return model, torch.randn(batch, n_in), torch.randint(0, n_out, (batch,))


def _check_loss(got, what):
    if got is None or got is Ellipsis:
        fail(f"{what} returned {got!r}.", hint="finish the TODO and `return loss.item()`.")
    if isinstance(got, torch.Tensor) or not isinstance(got, numbers.Real):
        fail(f"{what} returned a {type(got).__name__}; the loss as a Python float is expected.",
             hint="loss.item() gives the number (the loss itself, not the scaled one).")


def test_good_step(exercise):
    for seed, (batch, n_in, n_out, max_norm) in enumerate([(32, 8, 4, 0.05), (1, 5, 3, 0.02), (16, 3, 6, 0.1)]):
        model, x, y = _case(seed, batch, n_in, n_out)
        want, want_loss = _reference(model, x, y, max_norm)
        mistakes = {
            "the gradients were clipped while still scaled: call scaler.unscale_(optimizer) before "
            "clip_grad_norm_, or the clip sees norms thousands of times too large.":
                _reference(model, x, y, max_norm, "no_unscale")[0],
            "the step used unclipped gradients: clip with torch.nn.utils.clip_grad_norm_ after unscale_ and "
            "before scaler.step (clipping after the step is too late).":
                _reference(model, x, y, max_norm, "no_clip")[0],
            "backward ran on the plain loss, so the gradients were never scaled, and scaler.unscale_ divided "
            "them by the scale anyway: backward on scaler.scale(loss).": _reference(model, x, y, max_norm, "no_scale")[0],
            "the model came with old gradients (from an earlier step) and they were added into this one: clear "
            "them first with optimizer.zero_grad().": _reference(model, x, y, max_norm, "no_zero_grad")[0],
        }
        opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
        scaler = _scaler()
        what = f"train_step(model, optimizer, scaler, x, y, max_norm={max_norm}) with x of shape {(batch, n_in)}"
        with linear_dtypes(model) as seen:
            got_loss = call(exercise.train_step, model, opt, scaler, x, y, max_norm, what=what)
        expect(seen, f"{what} never called the model.", hint="finish the TODO.")
        expect(all(d == torch.float16 for d in seen),
               f"{what}: the Linear layers gave {sorted(set(map(str, seen)))}; under float16 autocast they give "
               "torch.float16.", hint="run the forward inside torch.autocast(x.device.type, dtype=torch.float16).")
        _check_loss(got_loss, what)
        for name, p in model.named_parameters():
            expect(p.dtype == torch.float32, f"after {what}, the model's {name} is {p.dtype}; it should stay float32.")
            expect_close(p.detach(), want[name].detach(), f"the model's {name} after {what}", rtol=1e-4, atol=1e-6,
                         mistakes={k: v[name].detach() for k, v in mistakes.items()},
                         hint="the order is scale(loss).backward(), unscale_, clip_grad_norm_, scaler.step, "
                              "scaler.update.")
        expect(math.isclose(got_loss, want_loss, rel_tol=1e-4),
               f"{what} returned loss {got_loss:.6g}; the step's loss is {want_loss:.6g}.",
               hint="return loss.item(), not the scaled loss."
               if math.isclose(got_loss, want_loss * INIT, rel_tol=1e-3) else None)
        expect(scaler.get_scale() == INIT * 2,
               f"after a good step (the scaler grows after every good step here) the scale is {scaler.get_scale()}; "
               f"expected {INIT * 2}.", hint="call scaler.update() once after scaler.step(optimizer): only update() "
                                              "changes the scale.")


def test_inf_gradient_skips_the_step(exercise):
    model, x, y = _case(7, 16, 6, 3)
    model[0].weight.register_hook(lambda g: torch.full_like(g, math.inf))  # an overflow in the backward
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    scaler = _scaler()
    before = snapshot(model)
    what = "train_step(model, optimizer, scaler, x, y, max_norm=0.1) when a gradient is inf"
    got_loss = call(exercise.train_step, model, opt, scaler, x, y, 0.1, what=what)
    _check_loss(got_loss, what)
    expect_untouched(model, before, f"the model after {what}",
                     hint="the step must be skipped: scaler.step(optimizer) checks for inf/nan gradients and skips; "
                          "optimizer.step() does not check anything (call only scaler.step).")
    expect(scaler.get_scale() == INIT * 0.5,
           f"after a step with an inf gradient the scale is {scaler.get_scale()}; expected {INIT * 0.5} "
           "(the scale times backoff_factor 0.5).",
           hint="call scaler.update() after scaler.step(optimizer): it lowers the scale when the step was skipped.")
