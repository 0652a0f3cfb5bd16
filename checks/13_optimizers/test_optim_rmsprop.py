import torch

from support_13_optimizers import (Schedule, expect_no_torch_optim, expect_same_trajectory, run, run_learner,
                                   start_params, wrong_run)

STEPS = 25
# (seed, lr, alpha, eps, dtype, {step: parameters whose .grad is None})
CASES = [
    (0, 0.01, 0.99, 1e-8, torch.float64, None),
    (1, 0.02, 0.9, 0.05, torch.float64, {3: [1], 4: [1], 6: [2]}),
    (2, 0.005, 0.8, 1e-4, torch.float32, None),
]


def _avg(p, state):
    if "v" not in state:
        state["v"] = torch.zeros_like(p)
    return state["v"]


def _swapped(p, g, state, lr, alpha, eps):
    v = _avg(p, state).mul_(1 - alpha).add_(alpha * g * g)
    p -= lr * g / (v.sqrt() + eps)


def _eps_inside(p, g, state, lr, alpha, eps):
    v = _avg(p, state).mul_(alpha).add_((1 - alpha) * g * g)
    p -= lr * g / (v + eps).sqrt()


def _first_is_square(p, g, state, lr, alpha, eps):
    if "v" not in state:
        state["v"] = g * g
    else:
        state["v"].mul_(alpha).add_((1 - alpha) * g * g)
    p -= lr * g / (state["v"].sqrt() + eps)


def _not_kept(p, g, state, lr, alpha, eps):
    v = (1 - alpha) * g * g
    p -= lr * g / (v.sqrt() + eps)


def _no_sqrt(p, g, state, lr, alpha, eps):
    v = _avg(p, state).mul_(alpha).add_((1 - alpha) * g * g)
    p -= lr * g / (v + eps)


def _adagrad(p, g, state, lr, alpha, eps):
    v = _avg(p, state).add_(g * g)
    p -= lr * g / (v.sqrt() + eps)


def test_matches_torch_rmsprop(exercise):
    for seed, lr, alpha, eps, dtype, skip in CASES:
        params0, sched = start_params(seed, dtype), Schedule(seed, STEPS, dtype)
        what = f"MyRMSprop(params, lr={lr}, alpha={alpha}, eps={eps}) on {dtype}" + \
            (" (some .grad None)" if skip else "")
        got = run_learner(lambda ps: exercise.MyRMSprop(ps, lr=lr, alpha=alpha, eps=eps), params0, sched, STEPS,
                          skip, what=what)
        ref = run(lambda ps: torch.optim.RMSprop(ps, lr=lr, alpha=alpha, eps=eps), params0, sched, STEPS, skip)
        hp = dict(lr=lr, alpha=alpha, eps=eps)
        mistakes = {
            "alpha weighs the OLD average: v = alpha * v + (1 - alpha) * g * g.":
                lambda: wrong_run(_swapped, params0, sched, STEPS, skip, **hp),
            "eps goes OUTSIDE the square root: g / (sqrt(v) + eps), not g / sqrt(v + eps).":
                lambda: wrong_run(_eps_inside, params0, sched, STEPS, skip, **hp),
            "v starts at zeros, and the first step blends g * g into it like every other step; it does not start "
            "as g * g.": lambda: wrong_run(_first_is_square, params0, sched, STEPS, skip, **hp),
            "v is not kept from one step to the next: update it in place (v.mul_(alpha).add_(...)) or store the new "
            "tensor back on self; `v = alpha * v + ...` only rebinds a local name.":
                lambda: wrong_run(_not_kept, params0, sched, STEPS, skip, **hp),
            "the step divides by sqrt(v) + eps: the square root is missing.":
                lambda: wrong_run(_no_sqrt, params0, sched, STEPS, skip, **hp),
            "this is Adagrad's running sum; RMSprop keeps a moving average: v = alpha * v + (1 - alpha) * g * g.":
                lambda: wrong_run(_adagrad, params0, sched, STEPS, skip, **hp),
        }
        expect_same_trajectory(got, ref, what + ", compared with torch.optim.RMSprop", mistakes=mistakes,
                               start=params0)


def test_rules(exercise):
    expect_no_torch_optim(exercise)
