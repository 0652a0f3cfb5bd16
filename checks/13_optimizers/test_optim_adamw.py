import torch

from support_13_optimizers import (Schedule, expect_grads_untouched, expect_no_torch_optim, expect_same_trajectory,
                                   run, run_learner, start_params, wrong_run)

STEPS = 25
# (seed, lr, betas, eps, weight_decay or None for the default, dtype, {step: parameters whose .grad is None})
CASES = [
    (0, 0.05, (0.9, 0.999), 1e-8, 0.1, torch.float64, None),
    (1, 0.1, (0.8, 0.95), 1e-3, 0.5, torch.float64, {2: [2], 5: [2], 6: [2], 9: [0]}),
    (2, 0.02, (0.9, 0.999), 1e-8, None, torch.float32, None),
]


def _adam(p, g, state, lr, betas, eps):
    if "t" not in state:
        state.update(t=0, m=torch.zeros_like(p), v=torch.zeros_like(p))
    b1, b2 = betas
    state["t"] += 1
    state["m"].mul_(b1).add_((1 - b1) * g)
    state["v"].mul_(b2).add_((1 - b2) * g * g)
    t = state["t"]
    p -= lr * (state["m"] / (1 - b1 ** t)) / ((state["v"] / (1 - b2 ** t)).sqrt() + eps)


def _no_lr(p, g, state, lr, betas, eps, wd):
    p *= 1 - wd
    _adam(p, g, state, lr, betas, eps)


def _after(p, g, state, lr, betas, eps, wd):
    _adam(p, g, state, lr, betas, eps)
    p *= 1 - lr * wd


def _subtract_wd(p, g, state, lr, betas, eps, wd):
    p -= wd * p
    _adam(p, g, state, lr, betas, eps)


class _DecaysEveryone:
    def __init__(self, params, lr, betas, eps, wd):
        self.params, self.hp, self.wd = list(params), dict(lr=lr, betas=betas, eps=eps), wd
        self.state = [{} for _ in self.params]

    @torch.no_grad()
    def step(self):
        for p, state in zip(self.params, self.state):
            p *= 1 - self.hp["lr"] * self.wd
            if p.grad is not None:
                _adam(p, p.grad, state, **self.hp)


def test_matches_torch_adamw(exercise):
    for seed, lr, betas, eps, wd, dtype, skip in CASES:
        params0, sched = start_params(seed, dtype), Schedule(seed, STEPS, dtype)
        kwargs = dict(lr=lr, betas=betas, eps=eps) | ({} if wd is None else {"weight_decay": wd})
        wd = 1e-2 if wd is None else wd
        what = f"MyAdamW(params, {', '.join(f'{k}={v}' for k, v in kwargs.items())}) on {dtype}" + \
            (" (params[2] has .grad None at steps 3, 6, 7; params[0] at step 10)" if skip else "")
        got = run_learner(lambda ps: exercise.MyAdamW(ps, **kwargs), params0, sched, STEPS, skip, what=what)
        ref = run(lambda ps: torch.optim.AdamW(ps, lr=lr, betas=betas, eps=eps, weight_decay=wd), params0, sched,
                  STEPS, skip)
        hp = dict(lr=lr, betas=betas, eps=eps, wd=wd)
        mistakes = {
            "this is plain Adam: the decoupled decay p *= (1 - lr * weight_decay) is missing (weight_decay "
            "defaults to 1e-2).": lambda: run(lambda ps: torch.optim.Adam(ps, lr=lr, betas=betas, eps=eps),
                                              params0, sched, STEPS, skip),
            "this is Adam with COUPLED decay (wd * p added to the gradient, as Adam's weight_decay does). AdamW "
            "leaves the gradient alone and shrinks p itself: p *= (1 - lr * weight_decay).":
                lambda: run(lambda ps: torch.optim.Adam(ps, lr=lr, betas=betas, eps=eps, weight_decay=wd),
                            params0, sched, STEPS, skip),
            "the decay is scaled by the learning rate too: p *= (1 - lr * weight_decay), not (1 - weight_decay).":
                lambda: wrong_run(_no_lr, params0, sched, STEPS, skip, **hp),
            "the decay is scaled by the learning rate too: p -= lr * weight_decay * p, not weight_decay * p.":
                lambda: wrong_run(_subtract_wd, params0, sched, STEPS, skip, **hp),
            "the decay comes BEFORE the Adam update, on the parameter as it was: shrink p first, then subtract "
            "lr * m_hat / (sqrt(v_hat) + eps).": lambda: wrong_run(_after, params0, sched, STEPS, skip, **hp),
            "a parameter whose .grad is None was decayed anyway; it is skipped entirely, decay included.":
                lambda: run(lambda ps: _DecaysEveryone(ps, **hp), params0, sched, STEPS, skip),
        }
        expect_same_trajectory(got, ref, what + ", compared with torch.optim.AdamW", mistakes=mistakes,
                               start=params0)
        expect_grads_untouched(got, what)


def test_rules(exercise):
    expect_no_torch_optim(exercise)
