import torch
from support_15_lr_schedules import (
    column,
    drive,
    expect_lrs,
    expect_scheduler,
    group_lrs,
    make_optimizer,
    reported,
)

Cos = torch.optim.lr_scheduler.CosineAnnealingLR


def _sequence(lrs, steps, t_max, eta_min=0.0, kind=Cos):
    """lrs of group 0..n for `steps` steps, plus the lr after the last step, from a scheduler the check builds."""
    opt = make_optimizer(lrs)
    sched = kind(opt, t_max, eta_min=eta_min)
    seen = drive(opt, sched, steps)
    return [column(seen, g) + [group_lrs(opt)[g]] for g in range(len(lrs))]


def test_cosine_over_the_whole_run(exercise, report):
    # (group lrs, epochs, steps_per_epoch, lr_min)
    for lrs, epochs, spe, lr_min in [((0.1,), 3, 5, 0.001), ((0.2, 0.05), 2, 7, 0.01), ((1.0,), 4, 1, 0.1),
                                     ((0.05,), 1, 6, 0.0)]:
        total = epochs * spe
        opt = make_optimizer(lrs)
        call = f"make_cosine(optimizer, epochs={epochs}, steps_per_epoch={spe}, lr_min={lr_min})"
        sched = expect_scheduler(exercise.make_cosine(opt, epochs, spe, lr_min), opt, call)
        seen = drive(opt, sched, total)
        got = [column(seen, g) + [group_lrs(opt)[g]] for g in range(len(lrs))]
        if lrs == (0.1,):
            reported(report, "lr", got[0])
        want = _sequence(lrs, total, total, lr_min)
        mistakes = {
            "T_max is counted in scheduler.step() calls; you step once per batch, so the run is epochs * "
            "steps_per_epoch calls long, not epochs (the lr bottomed out early and climbed back up).":
                _sequence(lrs, total, epochs, lr_min),
            "T_max = steps_per_epoch restarts the cosine every epoch: the whole run is one half-cosine.":
                _sequence(lrs, total, spe, lr_min),
            "lr_min was not passed on: CosineAnnealingLR's eta_min (default 0) is the floor.":
                _sequence(lrs, total, total),
            "T_max one short: the lr reached lr_min one step early, then rose again.":
                _sequence(lrs, total, max(total - 1, 1), lr_min),
            "T_max one too long: after the last batch the lr had not quite reached lr_min.":
                _sequence(lrs, total, total + 1, lr_min),
            "CosineAnnealingWarmRestarts jumps back to the full lr after T_0 steps; this plan ends at lr_min: "
            "CosineAnnealingLR.": _sequence(lrs, total, total, lr_min,
                                            kind=torch.optim.lr_scheduler.CosineAnnealingWarmRestarts),
        }
        for g, base in enumerate(lrs):
            where = f"{call} with lr {base}" + (f" (param group {g} of {len(lrs)})" if len(lrs) > 1 else "")
            expect_lrs(got[g], want[g], f"{where} (step {total} is the lr after the last batch)",
                       mistakes={c: seq[g] for c, seq in mistakes.items()},
                       hint="the lr should fall from the optimizer's lr at step 0 to lr_min after exactly "
                            f"{total} scheduler.step() calls.")
