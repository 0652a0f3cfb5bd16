"""float16 autocast on the CPU with torch.amp.GradScaler("cpu") (growth after every good step, so one
update() doubles the scale and a skipped step halves it). The reference runs the same accumulation
on a copy of the model, so the weights agree to float32 rounding. max_norm 100 never binds (a loss
not divided by the number of micro-batches then shows as a step k times too large); 0.05 always
binds. Every model comes with stale .grad (1000 everywhere, about 0.25 once unscaled): the step must
clear them first. The inf test makes the first layer's weight gradient inf in the first micro-batch only: the
one step must be skipped and the scale halved once.
"""
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


def _reference(model, micro, max_norm, variant=None):
    model = copy.deepcopy(model)
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    scaler = _scaler()
    k = len(micro)
    if variant != "no_zero_grad":
        opt.zero_grad()
    losses = []
    for x, y in micro:
        if variant == "step_each":
            opt.zero_grad()
        with torch.autocast("cpu", dtype=torch.float16):
            loss = F.cross_entropy(model(x), y)
        scaler.scale(loss if variant == "not_divided" else loss / k).backward()
        losses.append(loss.item())
        if variant == "step_each":
            scaler.unscale_(opt)
            nn.utils.clip_grad_norm_(model.parameters(), max_norm)
            scaler.step(opt)
            scaler.update()
    if variant != "step_each":
        scaler.unscale_(opt)
        nn.utils.clip_grad_norm_(model.parameters(), max_norm)
        scaler.step(opt)
        scaler.update()
    return dict(model.named_parameters()), losses


def _case(seed, k, size, n_in, n_out):
    model = mlp(seed, n_in, 16, n_out)
    for p in model.parameters():  # old gradients from an earlier step: the step must clear them first
        p.grad = torch.full_like(p, 1000.0)  # about 0.25 once unscaled by 2**12
    g = torch.Generator().manual_seed(100 + seed)
    micro = [(torch.randn(size, n_in, generator=g), torch.randint(0, n_out, (size,), generator=g)) for _ in range(k)]
    return model, micro


def _run(exercise, model, opt, scaler, micro, max_norm, what):
    try:
        return call(exercise.accumulated_step, model, opt, scaler, micro, max_norm, what=what)
    except AssertionError as exc:
        if type(exc) is AssertionError and "no inf checks were recorded" in str(exc).lower():
            fail(f"{what} raised AssertionError: {str(exc).splitlines()[0][:200]}",
                 hint="scaler.update() runs once per step, after scaler.step(optimizer): updating between "
                      "micro-batches would also change the scale in the middle of the sum.")
        raise


def _check_loss(got, what):
    if got is None or got is Ellipsis:
        fail(f"{what} returned {got!r}.", hint="finish the TODO and return the mean micro-batch loss as a float.")
    if isinstance(got, torch.Tensor) or not isinstance(got, numbers.Real):
        fail(f"{what} returned a {type(got).__name__}; the mean loss as a Python float is expected.")


def test_accumulated_step(exercise):
    cases = [(4, 8, 8, 4, 100.0), (4, 8, 8, 4, 0.05), (1, 5, 6, 3, 100.0), (3, 1, 5, 3, 100.0)]
    for seed, (k, size, n_in, n_out, max_norm) in enumerate(cases):
        model, micro = _case(seed, k, size, n_in, n_out)
        want, want_losses = _reference(model, micro, max_norm)
        mistakes = {
            "the optimizer stepped after every micro-batch: accumulate the gradients of all micro-batches, then "
            "unscale_, clip, scaler.step and scaler.update once.": _reference(model, micro, max_norm, "step_each")[0],
        }
        mistakes["the model came with old gradients (from an earlier step) and they were added into this one: "
                 "clear them first with optimizer.zero_grad()."] = _reference(model, micro, max_norm,
                                                                              "no_zero_grad")[0]
        if k > 1 and max_norm > 1:
            mistakes["the gradients add up to k times those of the mean loss: divide each micro-batch loss by the "
                     "number of micro-batches before scaling it."] = _reference(model, micro, max_norm,
                                                                                "not_divided")[0]
        opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
        scaler = _scaler()
        what = (f"accumulated_step(model, optimizer, scaler, {k} micro-batches of {size}, max_norm={max_norm})")
        with linear_dtypes(model) as seen:
            got_loss = _run(exercise, model, opt, scaler, micro, max_norm, what)
        _check_loss(got_loss, what)
        expect(len(seen) >= 2 * k, f"{what} called the model's layers {len(seen)} times; {2 * k} expected (two "
                                   f"Linear layers, {k} micro-batches).", hint="run the model on every micro-batch.")
        expect(all(d == torch.float16 for d in seen),
               f"{what}: the Linear layers gave {sorted(set(map(str, seen)))}; under float16 autocast they give "
               "torch.float16.", hint="run each forward inside torch.autocast(x.device.type, dtype=torch.float16).")
        for name, p in model.named_parameters():
            expect(p.dtype == torch.float32, f"after {what}, the model's {name} is {p.dtype}; it should stay float32.")
            expect_close(p.detach(), want[name].detach(), f"the model's {name} after {what}", rtol=1e-4, atol=1e-6,
                         mistakes={c: v[name].detach() for c, v in mistakes.items()},
                         hint="per micro-batch: autocast forward, loss / k, scaler.scale(...).backward(); then once: "
                              "unscale_, clip_grad_norm_, scaler.step, scaler.update.")
        mean = sum(want_losses) / k
        hint = None
        if k > 1 and math.isclose(got_loss, want_losses[-1], rel_tol=1e-4):
            hint = "that is the last micro-batch's loss: return the mean over all of them."
        elif k > 1 and math.isclose(got_loss, mean / k, rel_tol=1e-4):
            hint = "that is the mean divided by k again: return the mean of the losses before the division."
        expect(math.isclose(got_loss, mean, rel_tol=1e-4),
               f"{what} returned the loss {got_loss:.6g}; the mean of the micro-batch losses is {mean:.6g}.", hint=hint)
        expect(scaler.get_scale() == INIT * 2,
               f"after one good step (this scaler doubles the scale after every good step) the scale is "
               f"{scaler.get_scale()}; expected {INIT * 2}.",
               hint="call scaler.update() exactly once per step, after scaler.step(optimizer).")


def test_inf_in_one_micro_batch_skips_the_step(exercise):
    model, micro = _case(9, 3, 6, 6, 3)
    calls = []

    def first_inf(g):
        calls.append(1)
        return torch.full_like(g, math.inf) if len(calls) == 1 else g

    model[0].weight.register_hook(first_inf)
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    scaler = _scaler()
    before = snapshot(model)
    what = "accumulated_step(model, optimizer, scaler, 3 micro-batches, max_norm=0.1) when the first has an inf gradient"
    got_loss = _run(exercise, model, opt, scaler, micro, 0.1, what)
    _check_loss(got_loss, what)
    expect_untouched(model, before, f"the model after {what}",
                     hint="an inf in any micro-batch makes the summed gradient inf: the one step must be skipped. "
                          "Step only through scaler.step(optimizer), once, after the last micro-batch.")
    expect(scaler.get_scale() == INIT * 0.5,
           f"after a step with an inf gradient the scale is {scaler.get_scale()}; expected {INIT * 0.5} (halved "
           "once).", hint="call scaler.update() once, after scaler.step(optimizer).")
