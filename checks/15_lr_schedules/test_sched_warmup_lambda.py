from support_15_lr_schedules import (
    column,
    drive,
    expect_lrs,
    expect_scheduler,
    make_optimizer,
    reported,
)


def _warm(base, w, n, rule):
    return [base * rule(s, w) for s in range(n)]


RIGHT = lambda s, w: min(1.0, (s + 1) / w)

MISTAKES = {
    "step 0 trained at lr 0: the factor at step s is (s + 1) / warmup_steps, so the first batch already learns.":
        lambda s, w: min(1.0, s / w),
    "the factor kept growing past 1 after the warm-up: cap it with min(1.0, ...).": lambda s, w: (s + 1) / w,
    "integer division: (s + 1) // warmup_steps is 0 for the whole warm-up; use / for a fraction.":
        lambda s, w: min(1.0, (s + 1) // w),
    "the warm-up reached the full lr one step late: step warmup_steps - 1 should already be at lr, so the "
    "factor is (s + 1) / warmup_steps.": lambda s, w: min(1.0, (s + 1) / (w + 1)),
    "the peak came one step early: the factor is (s + 1) / warmup_steps, not (s + 2) / warmup_steps.":
        lambda s, w: min(1.0, (s + 2) / w),
}


def test_warmup_sequence(exercise, report):
    # (group lrs, warmup_steps, steps run): warm-up of 1 (no warm-up at all) and of a single group.
    for lrs, w, n in [((0.1,), 4, 12), ((0.5, 0.01), 10, 16), ((0.2,), 1, 5), ((3.0,), 3, 40)]:
        opt = make_optimizer(lrs)
        sched = expect_scheduler(exercise.make_warmup(opt, w), opt, f"make_warmup(optimizer, {w})")
        seen = drive(opt, sched, n)
        if (lrs, w) == ((0.1,), 4):
            reported(report, "lr", column(seen))
        for g, base in enumerate(lrs):
            where = f"make_warmup(optimizer, warmup_steps={w}) with lr {base}"
            if len(lrs) > 1:
                where += f" (param group {g} of {len(lrs)})"
            mistakes = {cause: _warm(base, w, n, rule) for cause, rule in MISTAKES.items()}
            mistakes["lr_lambda returns a factor that LambdaLR multiplies by the group's initial lr; returning the "
                     "lr itself multiplies by lr twice."] = [base * base * RIGHT(s, w) for s in range(n)]
            expect_lrs(column(seen, g), _warm(base, w, n, RIGHT), where, mistakes=mistakes,
                       hint="the group's lr at step s is its initial lr times lr_lambda(s): 1 / warmup_steps at "
                            "s = 0, rising by 1 / warmup_steps per step to exactly 1 at s = warmup_steps - 1.")
