import math

import torch
from dlings.testing import expect, fail
from support_15_lr_schedules import (
    column,
    drive,
    expect_lrs,
    expect_scheduler,
    make_optimizer,
    reported,
)
from torch.optim.lr_scheduler import ReduceLROnPlateau

# Improvements here are all >= 0.01, far above ReduceLROnPlateau's default threshold (1e-4, relative),
# so "a new best" means the same with or without it.
ACCURACIES = [0.50, 0.60, 0.65, 0.65, 0.64, 0.70,  # two epochs without a new best, then one: no drop
              0.70, 0.69, 0.68,                    # three without: drop after the third
              0.72,                                # a new best
              0.71, 0.72, 0.70,                    # three without (equal is not better): drop
              0.71, 0.70, 0.70, 0.70, 0.70, 0.70,  # two more drops
              0.70, 0.70, 0.70,                    # this drop hits the floor of 1e-4
              0.70, 0.70, 0.70, 0.70, 0.71]        # stays on the floor


def _ref(lrs, accs, **kwargs):
    args = {"mode": "max", "factor": 0.2, "patience": 2, "min_lr": 1e-4}
    args.update(kwargs)
    opt = make_optimizer(lrs)
    seen = drive(opt, ReduceLROnPlateau(opt, **args), len(accs), metrics=accs)
    return [column(seen, g) for g in range(len(lrs))]


def test_make_plateau(exercise, report):
    for lrs, accs in [((0.1,), ACCURACIES), ((0.5, 0.05), ACCURACIES[:16]), ((0.1,), [0.9] * 12)]:
        opt = make_optimizer(lrs)
        sched = expect_scheduler(exercise.make_plateau(opt), opt, "make_plateau(optimizer)")
        got = drive(opt, sched, len(accs), metrics=accs)
        if accs is ACCURACIES and len(lrs) == 1:
            reported(report, "lr", column(got))
        want = _ref(lrs, accs)
        mistakes = {
            "mode='min' (the default) treats a higher accuracy as worse: use mode='max' for accuracy.":
                _ref(lrs, accs, mode="min"),
            "the drop comes right after the 3rd epoch without a new best: patience counts the bad epochs that "
            "are tolerated, so patience=2.": _ref(lrs, accs, patience=3),
            "patience=2 tolerates two bad epochs and drops after the third; patience=1 drops one epoch early.":
                _ref(lrs, accs, patience=1),
            "the lr went below 1e-4: set min_lr=1e-4.": _ref(lrs, accs, min_lr=0.0),
            "factor is what the lr is multiplied by at each drop: 0.2.": _ref(lrs, accs, factor=0.8),
        }
        lowest = min(min(row) for row in got)
        expect(lowest >= 1e-4 * (1 - 1e-9), f"make_plateau(optimizer) let the lr fall to {lowest:.3g}, below the "
               "floor of 1e-4.", hint="ReduceLROnPlateau's min_lr (default 0) is the floor: min_lr=1e-4.")
        for g, base in enumerate(lrs):
            where = f"make_plateau(optimizer) with lr {base}" + (f" (param group {g} of 2)" if len(lrs) > 1 else "")
            expect_lrs(column(got, g), want[g], f"{where}, fed accuracies {accs[:8]}...", unit="epoch",
                       mistakes={c: seq[g] for c, seq in mistakes.items()},
                       hint="the lr drops (x 0.2) right after the 3rd epoch in a row without a new best accuracy.")


def test_epoch_lrs(exercise):
    accs = [0.3, 0.4, 0.4, 0.35, 0.45, 0.45, 0.44, 0.5, 0.5]
    opt = make_optimizer((0.8,))
    sched = ReduceLROnPlateau(opt, mode="max", factor=0.5, patience=1)
    got = exercise.epoch_lrs(opt, sched, list(accs))
    if got is None or got is Ellipsis:
        fail("epoch_lrs(...) returned None; it should return the list of lrs, one per epoch.",
             hint="finish the TODO and `return` the list.")
    try:
        got = [float(v) for v in got]
    except (TypeError, ValueError):
        fail(f"epoch_lrs(...) should return a list of floats, one per epoch; got {got!r:.80}.")
    ref_opt = make_optimizer((0.8,))
    ref = ReduceLROnPlateau(ref_opt, mode="max", factor=0.5, patience=1)
    want = column(drive(ref_opt, ref, len(accs), metrics=accs))
    expect_lrs(got, want, f"epoch_lrs(optimizer, ReduceLROnPlateau(mode='max', factor=0.5, patience=1), {accs})",
               unit="epoch", mistakes={
                   "each lr is one epoch ahead: record the lr the epoch trained with BEFORE scheduler.step(acc).":
                       want[1:] + [float(ref_opt.param_groups[0]["lr"])],
               })
    expect(sched.last_epoch == len(accs),
           f"the scheduler should be stepped once per accuracy ({len(accs)} times); it was stepped "
           f"{sched.last_epoch} times.")


def test_steps_with_the_metric(exercise):
    # A scheduler that records what it is given: each epoch's accuracy, in order.
    seen = []

    class Spy(ReduceLROnPlateau):
        def step(self, metrics, *args, **kwargs):
            seen.append(float(metrics.item() if isinstance(metrics, torch.Tensor) else metrics))
            return super().step(metrics, *args, **kwargs)

    opt = make_optimizer((0.1,))
    accs = [0.2, 0.3, 0.25, 0.3]
    exercise.epoch_lrs(opt, Spy(opt, mode="max"), list(accs))
    expect(len(seen) == len(accs) and all(math.isclose(a, b, rel_tol=1e-6) for a, b in zip(seen, accs)), f"scheduler.step should receive each epoch's accuracy in order, {accs}; it got {seen}.")
