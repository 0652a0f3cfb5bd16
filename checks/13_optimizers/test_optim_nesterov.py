import torch

from support_13_optimizers import (Schedule, expect_no_torch_optim, expect_same_trajectory, run, run_learner,
                                   start_params, wrong_run)

STEPS = 25
# (seed, lr, momentum, dtype, {step: parameters whose .grad is None})
CASES = [
    (0, 0.03, 0.9, torch.float64, None),
    (1, 0.02, 0.6, torch.float64, {4: [2], 5: [2], 11: [1]}),
    (2, 0.01, 0.75, torch.float32, None),
]


def _buffer(g, state, momentum):
    if "b" not in state:
        state["b"] = g.clone()
    else:
        state["b"].mul_(momentum).add_(g)
    return state["b"]


def _alias(p, g, state, lr, momentum):
    if "b" not in state:
        state["b"] = g                       # p.grad itself, not a copy
    else:
        state["b"].mul_(momentum).add_(g)
    p -= lr * (g + momentum * state["b"])


def _plain(p, g, state, lr, momentum):
    p -= lr * _buffer(g, state, momentum)


def _swapped(p, g, state, lr, momentum):
    b = _buffer(g, state, momentum)
    p -= lr * (momentum * g + b)


def _lookahead_only(p, g, state, lr, momentum):
    p -= lr * momentum * _buffer(g, state, momentum)


def test_matches_torch_sgd_nesterov(exercise):
    for seed, lr, m, dtype, skip in CASES:
        params0, sched = start_params(seed, dtype), Schedule(seed, STEPS, dtype)
        what = f"NesterovSGD(params, lr={lr}, momentum={m}) on {dtype}" + (" (some .grad None)" if skip else "")
        got = run_learner(lambda ps: exercise.NesterovSGD(ps, lr=lr, momentum=m), params0, sched, STEPS, skip,
                          what=what)
        ref = run(lambda ps: torch.optim.SGD(ps, lr=lr, momentum=m, nesterov=True), params0, sched, STEPS, skip)
        hp = dict(lr=lr, momentum=m)
        mistakes = {
            "this is plain momentum: p -= lr * b, or the same thing written as g + momentum * b with b from BEFORE "
            "this step's update. Update b first, then step along g + momentum * (the new b).":
                lambda: wrong_run(_plain, params0, sched, STEPS, skip, **hp),
            "momentum multiplies the wrong term: the step is g + momentum * b, not momentum * g + b.":
                lambda: wrong_run(_swapped, params0, sched, STEPS, skip, **hp),
            "the buffer is p.grad itself, not a copy: the next gradient is written into p.grad in place (as "
            "backward() does) and overwrites your buffer. Start it with p.grad.clone().":
                lambda: wrong_run(_alias, params0, sched, STEPS, skip, **hp),
            "the gradient term is missing: the step is g + momentum * b, not momentum * b alone.":
                lambda: wrong_run(_lookahead_only, params0, sched, STEPS, skip, **hp),
        }
        expect_same_trajectory(got, ref, what + ", compared with torch.optim.SGD(nesterov=True)",
                               mistakes=mistakes, start=params0)


def test_rules(exercise):
    expect_no_torch_optim(exercise)
