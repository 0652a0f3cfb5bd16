import torch

from support_13_optimizers import (Schedule, expect_no_torch_optim, expect_same_trajectory, run, run_learner,
                                   start_params, wrong_run)

STEPS = 25
# (seed, lr, momentum, dampening, dtype, {step: parameters whose .grad is None})
CASES = [
    (0, 0.05, 0.9, 0.0, torch.float64, None),
    (1, 0.02, 0.5, 0.3, torch.float64, {2: [1], 3: [1], 7: [0]}),
    (2, 0.01, 0.8, 0.1, torch.float32, None),
]


def _zeros_start(p, g, state, lr, momentum, dampening):
    b = state.setdefault("b", torch.zeros_like(p))
    b.mul_(momentum).add_(g, alpha=1 - dampening)
    p -= lr * b


def _no_state(p, g, state, lr, momentum, dampening):
    p -= lr * g


def _alias(p, g, state, lr, momentum, dampening):
    if "b" not in state:
        state["b"] = g                       # p.grad itself, not a copy
    else:
        state["b"].mul_(momentum).add_(g, alpha=1 - dampening)
    p -= lr * state["b"]


def _ema(p, g, state, lr, momentum, dampening):
    if "b" not in state:
        state["b"] = g.clone()
    else:
        state["b"].mul_(momentum).add_(g, alpha=1 - momentum)
    p -= lr * state["b"]


def _no_dampening(p, g, state, lr, momentum, dampening):
    if "b" not in state:
        state["b"] = g.clone()
    else:
        state["b"].mul_(momentum).add_(g)
    p -= lr * state["b"]


def test_matches_torch_sgd_with_momentum(exercise):
    for seed, lr, m, d, dtype, skip in CASES:
        params0, sched = start_params(seed, dtype), Schedule(seed, STEPS, dtype)
        what = f"MomentumSGD(params, lr={lr}, momentum={m}, dampening={d}) on {dtype}" + \
            (" (some .grad None)" if skip else "")
        got = run_learner(lambda ps: exercise.MomentumSGD(ps, lr=lr, momentum=m, dampening=d), params0, sched,
                          STEPS, skip, what=what)
        ref = run(lambda ps: torch.optim.SGD(ps, lr=lr, momentum=m, dampening=d), params0, sched, STEPS, skip)
        hp = dict(lr=lr, momentum=m, dampening=d)
        mistakes = {
            "the first step of a parameter sets b = g (a copy of the gradient); starting b at zeros makes the first "
            "step (1 - dampening) * g instead.": lambda: wrong_run(_zeros_start, params0, sched, STEPS, skip, **hp),
            "this is plain SGD: the buffer must be kept from one step() to the next (in a list or dict on self), "
            "not made afresh each step.": lambda: wrong_run(_no_state, params0, sched, STEPS, skip, **hp),
            "the buffer is p.grad itself, not a copy: the next gradient is written into p.grad in place (as "
            "backward() does) and overwrites your buffer. Start it with p.grad.clone().":
                lambda: wrong_run(_alias, params0, sched, STEPS, skip, **hp),
            "the new gradient is weighted (1 - momentum); the rule is (1 - dampening).":
                lambda: wrong_run(_ema, params0, sched, STEPS, skip, **hp),
            "dampening is ignored: later steps add (1 - dampening) * g.":
                lambda: wrong_run(_no_dampening, params0, sched, STEPS, skip, **hp),
        }
        expect_same_trajectory(got, ref, what + ", compared with torch.optim.SGD", mistakes=mistakes, start=params0)


def test_rules(exercise):
    expect_no_torch_optim(exercise)
