import torch

from support_13_optimizers import (Schedule, expect_no_torch_optim, expect_same_trajectory, run, run_learner,
                                   start_params, wrong_run)

STEPS = 25
# (seed, lr, eps, initial_accumulator_value, dtype, {step: parameters whose .grad is None})
CASES = [
    (0, 0.5, 1e-10, 0.0, torch.float64, None),
    (1, 0.3, 0.1, 0.5, torch.float64, {2: [0], 3: [0], 8: [2]}),
    (2, 0.1, 1e-3, 0.1, torch.float32, None),
]


def _sum(p, g, state, init):
    if "s" not in state:
        state["s"] = torch.full_like(p, init)
    return state["s"]


def _eps_inside(p, g, state, lr, eps, init):
    s = _sum(p, g, state, init).add_(g * g)
    p -= lr * g / (s + eps).sqrt()


def _no_initial(p, g, state, lr, eps, init):
    s = _sum(p, g, state, 0.0).add_(g * g)
    p -= lr * g / (s.sqrt() + eps)


def _no_sqrt(p, g, state, lr, eps, init):
    s = _sum(p, g, state, init).add_(g * g)
    p -= lr * g / (s + eps)


def _abs(p, g, state, lr, eps, init):
    s = _sum(p, g, state, init).add_(g.abs())
    p -= lr * g / (s.sqrt() + eps)


def _latest_only(p, g, state, lr, eps, init):
    s = init + g * g
    p -= lr * g / (s.sqrt() + eps)


def _added_after(p, g, state, lr, eps, init):
    s = _sum(p, g, state, init)
    p -= lr * g / (s.sqrt() + eps)
    s.add_(g * g)


def test_matches_torch_adagrad(exercise):
    for seed, lr, eps, init, dtype, skip in CASES:
        params0, sched = start_params(seed, dtype), Schedule(seed, STEPS, dtype)
        what = f"MyAdagrad(params, lr={lr}, eps={eps}, initial_accumulator_value={init}) on {dtype}" + \
            (" (some .grad None)" if skip else "")
        got = run_learner(lambda ps: exercise.MyAdagrad(ps, lr=lr, eps=eps, initial_accumulator_value=init),
                          params0, sched, STEPS, skip, what=what)
        ref = run(lambda ps: torch.optim.Adagrad(ps, lr=lr, eps=eps, initial_accumulator_value=init), params0, sched,
                  STEPS, skip)
        hp = dict(lr=lr, eps=eps, init=init)
        mistakes = {
            "eps goes OUTSIDE the square root: g / (sqrt(s) + eps), not g / sqrt(s + eps).":
                lambda: wrong_run(_eps_inside, params0, sched, STEPS, skip, **hp),
            "the sum must start at initial_accumulator_value (torch.full_like(p, value)), not at zeros.":
                lambda: wrong_run(_no_initial, params0, sched, STEPS, skip, **hp),
            "s sums the SQUARED gradients (g * g), not their absolute values.":
                lambda: wrong_run(_abs, params0, sched, STEPS, skip, **hp),
            "the step divides by sqrt(s) + eps: the square root is missing.":
                lambda: wrong_run(_no_sqrt, params0, sched, STEPS, skip, **hp),
            "s must be the running SUM of all squared gradients so far (s = s + g * g, kept between steps), not "
            "just this step's g * g.": lambda: wrong_run(_latest_only, params0, sched, STEPS, skip, **hp),
            "add this step's g * g to s BEFORE dividing by sqrt(s).":
                lambda: wrong_run(_added_after, params0, sched, STEPS, skip, **hp),
        }
        expect_same_trajectory(got, ref, what + ", compared with torch.optim.Adagrad", mistakes=mistakes,
                               start=params0)


def test_rules(exercise):
    expect_no_torch_optim(exercise)
