import copy

import torch

from dlings.testing import expect, expect_close, fail
from support_13_optimizers import (Schedule, expect_no_torch_optim, expect_same_trajectory, feed, no_torch_optim,
                                   run, run_learner, start_params)

STEPS = 24
HALVE_AT = 12   # the check halves every group's lr here, as a scheduler would


def _groups(ps):
    # group 0: params[0], params[1] with their own lr; group 1: params[2] with its own momentum
    return [{"params": ps[:2], "lr": 0.05}, {"params": ps[2:], "momentum": 0.5}]


def _halve(opt, t):
    if t == HALVE_AT:
        for group in opt.param_groups:
            group["lr"] *= 0.5


class _Wrong(torch.optim.Optimizer):
    def __init__(self, params, lr, momentum=0.9, *, how):
        super().__init__(params, {"lr": lr, "momentum": momentum})
        self.how, self.lr0 = how, lr
        self.group_lrs = [group["lr"] for group in self.param_groups]

    @torch.no_grad()
    def step(self):
        for i, group in enumerate(self.param_groups):
            for p in group["params"]:
                if p.grad is None:
                    continue
                lr = {"defaults": self.defaults["lr"], "cached": self.lr0,
                      "cached_per_group": self.group_lrs[i]}.get(self.how, group["lr"])
                m = self.defaults["momentum"] if self.how == "default_momentum" else group["momentum"]
                if p not in self.state or "b" not in self.state[p]:
                    self.state[p]["b"] = p.grad.clone()
                else:
                    self.state[p]["b"].mul_(m).add_(p.grad)
                p -= lr * self.state[p]["b"]


def _build(exercise, ps, what):
    opt = exercise.MyMomentumSGD(_groups(ps), lr=0.02, momentum=0.9)
    expect(isinstance(opt, torch.optim.Optimizer), f"{what} is a {type(opt).__name__}, not a torch.optim.Optimizer.",
           hint="class MyMomentumSGD(torch.optim.Optimizer): keep the base class.")
    expect(hasattr(opt, "param_groups") and hasattr(opt, "state") and hasattr(opt, "defaults"),
           f"{what} lacks the param_groups, state or defaults every torch.optim.Optimizer has: "
           "torch.optim.Optimizer.__init__ never ran.",
           hint="__init__ must call super().__init__(params, {\"lr\": lr, \"momentum\": momentum}).")
    return opt


def test_groups_and_defaults(exercise):
    ps = [p.requires_grad_() for p in start_params(0)]
    what = "MyMomentumSGD([{'params': [p0, p1], 'lr': 0.05}, {'params': [p2], 'momentum': 0.5}], lr=0.02, " \
           "momentum=0.9)"
    with no_torch_optim():
        opt = _build(exercise, ps, what)
    expect(opt.defaults.get("lr") == 0.02 and opt.defaults.get("momentum") == 0.9,
           f"{what}.defaults is {opt.defaults}; expected {{'lr': 0.02, 'momentum': 0.9}}.",
           hint="pass defaults = {\"lr\": lr, \"momentum\": momentum} to super().__init__.")
    got = [(g.get("lr"), g.get("momentum")) for g in opt.param_groups]
    expect(got == [(0.05, 0.9), (0.02, 0.5)],
           f"{what}: the groups' (lr, momentum) are {got}; expected [(0.05, 0.9), (0.02, 0.5)].",
           hint="let super().__init__(params, defaults) build the groups: it fills each group's missing "
                "settings from the defaults.")


def test_matches_torch_sgd_with_groups(exercise):
    for seed, dtype, skip in [(0, torch.float64, None), (1, torch.float64, {3: [2], 4: [2], 8: [0]}),
                              (2, torch.float32, None)]:
        params0, sched = start_params(seed, dtype), Schedule(seed, STEPS, dtype)
        what = ("MyMomentumSGD([{'params': [p0, p1], 'lr': 0.05}, {'params': [p2], 'momentum': 0.5}], lr=0.02, "
                f"momentum=0.9) on {dtype}, every group's lr halved before step {HALVE_AT + 1}"
                + (" (some .grad None)" if skip else ""))
        got = run_learner(lambda ps: _build(exercise, ps, "MyMomentumSGD(...)"), params0, sched, STEPS, skip,
                          what=what, every_step=_halve)
        ref = run(lambda ps: torch.optim.SGD(_groups(ps), lr=0.02, momentum=0.9), params0, sched, STEPS, skip,
                  every_step=_halve)

        def wrong(how):
            return run(lambda ps: _Wrong(_groups(ps), lr=0.02, momentum=0.9, how=how), params0, sched, STEPS,
                       skip, every_step=_halve)

        mistakes = {
            "every group stepped with the default lr (self.defaults[\"lr\"], or an lr saved in __init__): read "
            "group[\"lr\"] inside the loop over self.param_groups, at every step.": lambda: wrong("defaults"),
            "the lr is right until the check changed group[\"lr\"] (as a scheduler does): read it from the group "
            "at every step, not once.": lambda: wrong("cached_per_group"),
            "every group used the default momentum: read group[\"momentum\"] too.": lambda: wrong("default_momentum"),
        }
        expect_same_trajectory(got, ref, what + ", compared with torch.optim.SGD", mistakes=mistakes, start=params0)


def test_state_dict_resumes(exercise):
    """8 steps, state_dict(), a fresh optimiser on a copy of the parameters loads it; both go on for 8 steps."""
    params0, sched = start_params(3), Schedule(3, 16)
    params = [p.clone().requires_grad_() for p in params0]
    with no_torch_optim():
        opt = _build(exercise, params, "MyMomentumSGD(...)")
        for t in range(8):
            feed(params, sched.grads(params, t))
            opt.step()
        saved = copy.deepcopy(opt.state_dict())
        copies = [p.detach().clone().requires_grad_() for p in params]
        opt2 = _build(exercise, copies, "MyMomentumSGD(...)")
        opt2.load_state_dict(saved)
        for t in range(8, 16):
            for ps, o in [(params, opt), (copies, opt2)]:
                feed(ps, sched.grads(ps, t))
                o.step()
    if not saved["state"]:
        fail("after 8 steps, optimizer.state_dict()[\"state\"] is empty: the momentum buffers are not where "
             "state_dict() looks, so a resumed run starts without momentum.",
             hint="keep each buffer in self.state[p] (e.g. self.state[p][\"momentum_buffer\"]), not in a list or "
                  "dict of your own.")
    for i, (p, q) in enumerate(zip(params, copies)):
        expect_close(q.detach(), p.detach(), f"params[{i}] after 8 more steps of an optimiser resumed from "
                     "state_dict(), compared with the one that never stopped", rtol=1e-12, atol=1e-12,
                     hint="everything step() needs must be in self.state[p] or the groups, so that "
                          "state_dict()/load_state_dict() carry it over.")


def test_rules(exercise):
    expect_no_torch_optim(exercise, allow_base=True)
