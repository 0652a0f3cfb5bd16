import torch

from dlings.testing import expect, fail
from support_13_optimizers import (Schedule, expect_no_torch_optim, expect_same_trajectory, no_torch_optim, run,
                                   run_learner, start_params)

STEPS = 25


class _KeepsTheGenerator:
    """The mistake: self.params = params, with params a generator: only the first step() sees any."""

    def __init__(self, params, lr):
        self.params, self.lr = params, lr

    @torch.no_grad()
    def step(self):
        for p in self.params:
            if p.grad is not None:
                p -= self.lr * p.grad


class _Plain:
    def __init__(self, params, lr, sign=-1.0, scale=True):
        self.params, self.lr, self.sign, self.scale = list(params), lr, sign, scale

    @torch.no_grad()
    def step(self):
        for p in self.params:
            if p.grad is not None:
                p += self.sign * (self.lr if self.scale else 1.0) * p.grad


def test_matches_torch_sgd_step_by_step(exercise):
    # (seed, lr, dtype, {step: parameters whose .grad is None at that step})
    for seed, lr, dtype, skip in [(0, 0.1, torch.float64, None), (1, 0.03, torch.float64, {3: [2], 4: [2], 9: [0]}),
                                  (2, 0.05, torch.float32, None)]:
        params0, sched = start_params(seed, dtype), Schedule(seed, STEPS, dtype)
        what = f"MySGD(model.parameters(), lr={lr}) on {dtype}" + (" (some .grad None)" if skip else "")
        # model.parameters() is a generator: so is what the check passes in.
        got = run_learner(lambda ps: exercise.MySGD((p for p in ps), lr=lr), params0, sched, STEPS, skip, what=what)
        ref = run(lambda ps: torch.optim.SGD(ps, lr=lr), params0, sched, STEPS, skip)
        mistakes = {
            "only the first step() moved anything: params was a generator (model.parameters()), and a generator is "
            "used up after one pass. Keep self.params = list(params).":
                lambda: run(lambda ps: _KeepsTheGenerator((p for p in ps), lr), params0, sched, STEPS, skip),
            "the sign is wrong: descent subtracts lr * grad.":
                lambda: run(lambda ps: _Plain(ps, lr, sign=1.0), params0, sched, STEPS, skip),
            "the learning rate is missing: subtract lr * p.grad.":
                lambda: run(lambda ps: _Plain(ps, lr, scale=False), params0, sched, STEPS, skip),
        }
        expect_same_trajectory(got, ref, what + ", compared with torch.optim.SGD", mistakes=mistakes, start=params0)


def _with_grads(seed):
    g = torch.Generator().manual_seed(seed)
    params = [torch.randn(3, 2, generator=g).requires_grad_(), torch.randn(4, generator=g).requires_grad_(),
              torch.randn((), generator=g).requires_grad_()]
    (params[0].sum() * 2 + params[2] ** 2).backward()   # params[1] takes no part: its .grad stays None
    return params


def test_zero_grad(exercise):
    params = _with_grads(0)
    with no_torch_optim():
        opt = exercise.MySGD((p for p in params), lr=0.1)
        opt.zero_grad()
    for i, p in enumerate(params):
        expect(p.grad is None, f"after zero_grad(), params[{i}].grad is {_show(p.grad)}; expected None.",
               hint="zero_grad() (set_to_none=True, the default) sets every p.grad = None.")

    params = _with_grads(1)
    with no_torch_optim():
        opt = exercise.MySGD((p for p in params), lr=0.1)
        opt.zero_grad(set_to_none=False)
    for i, p in enumerate(params):
        if i == 1:
            expect(p.grad is None, f"after zero_grad(set_to_none=False), params[1].grad is {_show(p.grad)}, but it "
                   "was None before: a None .grad stays None.",
                   hint="only zero the gradients that exist: `if p.grad is not None: p.grad.zero_()`.")
            continue
        if p.grad is None:
            fail(f"after zero_grad(set_to_none=False), params[{i}].grad is None; expected a tensor of zeros.",
                 hint="set_to_none=False keeps the gradient tensor and fills it with zeros: p.grad.zero_().")
        expect(p.grad.shape == p.shape and p.grad.dtype == p.dtype and not bool(p.grad.any()),
               f"after zero_grad(set_to_none=False), params[{i}].grad is {_show(p.grad)}; expected zeros of shape "
               f"{tuple(p.shape)}.", hint="p.grad.zero_() fills the existing gradient with zeros.")


def _show(t):
    if t is None:
        return "None"
    return f"a tensor of shape {tuple(t.shape)} with values {t.flatten()[:4].tolist()}"


def test_rules(exercise):
    expect_no_torch_optim(exercise)
