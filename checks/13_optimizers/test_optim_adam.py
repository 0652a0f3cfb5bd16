import torch

from support_13_optimizers import (Schedule, expect_no_torch_optim, expect_same_trajectory, run, run_learner,
                                   start_params, wrong_run)

STEPS = 25
# (seed, lr, betas, eps, dtype, {step: parameters whose .grad is None})
CASES = [
    (0, 0.05, (0.9, 0.999), 1e-8, torch.float64, None),
    (1, 0.1, (0.8, 0.95), 1e-3, torch.float64, {2: [2], 5: [2], 6: [2], 9: [0]}),
    (2, 0.01, (0.85, 0.99), 1e-6, torch.float32, None),
]


def _moments(p, g, state, b1, b2, count=1):
    if "t" not in state:
        state.update(t=0, m=torch.zeros_like(p), v=torch.zeros_like(p))
    state["t"] += count
    state["m"].mul_(b1).add_((1 - b1) * g)
    state["v"].mul_(b2).add_((1 - b2) * g * g)
    return state["t"], state["m"], state["v"]


def _no_correction(p, g, state, lr, betas, eps):
    t, m, v = _moments(p, g, state, *betas)
    p -= lr * m / (v.sqrt() + eps)


def _eps_inside(p, g, state, lr, betas, eps):
    t, m, v = _moments(p, g, state, *betas)
    p -= lr * (m / (1 - betas[0] ** t)) / (v / (1 - betas[1] ** t) + eps).sqrt()


def _eps_before_correction(p, g, state, lr, betas, eps):
    t, m, v = _moments(p, g, state, *betas)
    p -= lr * (1 - betas[1] ** t) ** 0.5 / (1 - betas[0] ** t) * m / (v.sqrt() + eps)


def _m_only(p, g, state, lr, betas, eps):
    t, m, v = _moments(p, g, state, *betas)
    p -= lr * (m / (1 - betas[0] ** t)) / (v.sqrt() + eps)


def _swapped(p, g, state, lr, betas, eps):
    t, m, v = _moments(p, g, state, betas[1], betas[0])
    p -= lr * (m / (1 - betas[1] ** t)) / ((v / (1 - betas[0] ** t)).sqrt() + eps)


def _correct_with_t(p, g, t, m, v, lr, betas, eps):
    p -= lr * (m / (1 - betas[0] ** t)) / ((v / (1 - betas[1] ** t)).sqrt() + eps)


class _OneCounter:
    """t counted once per step() for all parameters, or once per parameter visited (a shared counter)."""

    def __init__(self, params, per_parameter, **hp):
        self.params, self.per_parameter, self.hp, self.t = list(params), per_parameter, hp, 0
        self.state = [{} for _ in self.params]

    @torch.no_grad()
    def step(self):
        if not self.per_parameter:
            self.t += 1
        for p, state in zip(self.params, self.state):
            if p.grad is None:
                continue
            if self.per_parameter:
                self.t += 1
            _, m, v = _moments(p, p.grad, state, *self.hp["betas"])
            _correct_with_t(p, p.grad, self.t, m, v, **self.hp)


def test_matches_torch_adam(exercise):
    for seed, lr, betas, eps, dtype, skip in CASES:
        params0, sched = start_params(seed, dtype), Schedule(seed, STEPS, dtype)
        what = f"MyAdam(params, lr={lr}, betas={betas}, eps={eps}) on {dtype}" + \
            (" (params[2] has .grad None at steps 3, 6, 7; params[0] at step 10)" if skip else "")
        got = run_learner(lambda ps: exercise.MyAdam(ps, lr=lr, betas=betas, eps=eps), params0, sched, STEPS, skip,
                          what=what)
        ref = run(lambda ps: torch.optim.Adam(ps, lr=lr, betas=betas, eps=eps), params0, sched, STEPS, skip)
        hp = dict(lr=lr, betas=betas, eps=eps)
        mistakes = {
            "the bias correction is missing: divide m by (1 - beta1 ** t) and v by (1 - beta2 ** t) before the "
            "step. Without it the first steps are far too small (m starts at zero).":
                lambda: wrong_run(_no_correction, params0, sched, STEPS, skip, **hp),
            "eps goes OUTSIDE the square root: m_hat / (sqrt(v_hat) + eps).":
                lambda: wrong_run(_eps_inside, params0, sched, STEPS, skip, **hp),
            "eps is added to sqrt(v) BEFORE the bias correction (the paper's 'efficient' form); torch adds it to "
            "sqrt(v_hat), after: m_hat / (sqrt(v_hat) + eps).":
                lambda: wrong_run(_eps_before_correction, params0, sched, STEPS, skip, **hp),
            "only m is bias-corrected: v_hat = v / (1 - beta2 ** t) too.":
                lambda: wrong_run(_m_only, params0, sched, STEPS, skip, **hp),
            "beta1 and beta2 are swapped: beta1 (0.9) is for m, the average of g; beta2 (0.999) for v, of g * g.":
                lambda: wrong_run(_swapped, params0, sched, STEPS, skip, **hp),
            "t is counted once per step() for all parameters; torch counts it PER PARAMETER, and a parameter "
            "skipped (grad None) does not advance its t. Keep t in each parameter's state.":
                lambda: run(lambda ps: _OneCounter(ps, False, **hp), params0, sched, STEPS, skip),
            "one counter t is shared by all parameters and increased once per PARAMETER, so it runs ahead "
            "(3 per step here). Keep one t in each parameter's state.":
                lambda: run(lambda ps: _OneCounter(ps, True, **hp), params0, sched, STEPS, skip),
        }
        expect_same_trajectory(got, ref, what + ", compared with torch.optim.Adam", mistakes=mistakes,
                               start=params0)


def test_rules(exercise):
    expect_no_torch_optim(exercise)
