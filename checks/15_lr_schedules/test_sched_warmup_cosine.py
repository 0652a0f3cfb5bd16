import math
import warnings

from support_15_lr_schedules import (
    column,
    drive,
    expect_lrs,
    expect_scheduler,
    group_lrs,
    make_optimizer,
    reported,
)
from torch.optim.lr_scheduler import (
    ChainedScheduler,
    CosineAnnealingLR,
    LinearLR,
    SequentialLR,
)


def _plan(base, w, t, lr_min):
    """The docstring's plan, from its formula: s = 0 .. t."""
    up = [base * (0.1 + 0.9 * s / w) for s in range(w)]
    down = [lr_min + (base - lr_min) * (1 + math.cos(math.pi * (s - w) / (t - w))) / 2 for s in range(w, t + 1)]
    return up + down


def _torch(lrs, w, t, lr_min, *, start=0.1, warm_iters=None, t_max=None, eta_min=None, milestone=None,
           chained=False):
    """The plan built from torch schedulers, right or with one argument wrong: lrs for s = 0 .. t per group."""
    opt = make_optimizer(lrs)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        warm = LinearLR(opt, start_factor=start, end_factor=1.0, total_iters=w if warm_iters is None else warm_iters)
        cos = CosineAnnealingLR(opt, T_max=t - w if t_max is None else t_max,
                                eta_min=lr_min if eta_min is None else eta_min)
        if chained:
            sched = ChainedScheduler([warm, cos])
        else:
            sched = SequentialLR(opt, [warm, cos], milestones=[w if milestone is None else milestone])
    seen = drive(opt, sched, t)
    return [column(seen, g) + [group_lrs(opt)[g]] for g in range(len(lrs))]


def test_warmup_then_cosine(exercise, report):
    # (group lrs, warmup_steps, total_steps, lr_min); a one-step warm-up is the edge case.
    for lrs, w, t, lr_min in [((1.0,), 3, 10, 0.01), ((0.2, 0.05), 5, 25, 0.001), ((0.1,), 1, 4, 0.0),
                              ((0.5,), 4, 6, 0.05)]:
        opt = make_optimizer(lrs)
        call = f"make_warmup_cosine(optimizer, warmup_steps={w}, total_steps={t}, lr_min={lr_min})"
        sched = expect_scheduler(exercise.make_warmup_cosine(opt, w, t, lr_min), opt, call)
        seen = drive(opt, sched, t)
        got = [column(seen, g) + [group_lrs(opt)[g]] for g in range(len(lrs))]
        if lrs == (1.0,):
            reported(report, "lr", got[0])
        mistakes = {
            "LinearLR's start_factor defaults to 1/3; the plan starts at lr / 10: start_factor=0.1.":
                _torch(lrs, w, t, lr_min, start=1 / 3),
            "the cosine part lasts total_steps - warmup_steps steps (it starts at the milestone), so T_max = "
            "total_steps - warmup_steps.": _torch(lrs, w, t, lr_min, t_max=t),
            "the warm-up reached lr one step early (total_iters = warmup_steps - 1), so the peak lasted two steps.":
                _torch(lrs, w, t, lr_min, warm_iters=max(w - 1, 0)),
            "the milestone is the step count at which the cosine takes over: warmup_steps, not warmup_steps - 1.":
                _torch(lrs, w, t, lr_min, milestone=w - 1),
            "the milestone is warmup_steps, not warmup_steps + 1 (the peak lasted two steps).":
                _torch(lrs, w, t, lr_min, milestone=w + 1),
            "lr_min was not passed to CosineAnnealingLR (eta_min defaults to 0).":
                _torch(lrs, w, t, lr_min, eta_min=0.0),
            "ChainedScheduler runs both schedulers at every step and multiplies their effects; SequentialLR "
            "runs one, then the other.":
                _torch(lrs, w, t, lr_min, chained=True),
        }
        for g, base in enumerate(lrs):
            where = f"{call} with lr {base}" + (f" (param group {g} of {len(lrs)})" if len(lrs) > 1 else "")
            expect_lrs(got[g], _plan(base, w, t, lr_min), f"{where} (step {t} is the lr after the last batch)",
                       mistakes={c: seq[g] for c, seq in mistakes.items()},
                       hint=f"the lr should rise from {base / 10:.4g} at s = 0 to {base:.4g} at s = {w}, then fall "
                            f"to {lr_min} at s = {t}.")
