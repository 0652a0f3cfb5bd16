import math

from dlings.testing import expect
from support_15_lr_schedules import (
    column,
    drive,
    expect_lrs,
    expect_scheduler,
    make_optimizer,
    matching_mistake,
    momenta,
    reported,
)
from torch.optim.lr_scheduler import OneCycleLR

TOTAL_HINT = ("OneCycleLR must know the run's length in batches: pass epochs and steps_per_epoch (or "
              "total_steps = epochs * steps_per_epoch), since it is stepped once per batch.")
CASES = [(1.0, 2, 10, "sgd"), (0.5, 3, 4, "sgd"), (0.02, 1, 17, "adam")]


def _reference(max_lr, epochs, spe, kind, record, **kwargs):
    opt = make_optimizer((max_lr / 7,), momentum=0.9, kind=kind)
    args = {"max_lr": max_lr, "epochs": epochs, "steps_per_epoch": spe, "div_factor": 10, "final_div_factor": 1000}
    args.update(kwargs)
    return column(drive(opt, OneCycleLR(opt, **args), epochs * spe, record=record))


def _run(exercise, max_lr, epochs, spe, kind, record):
    opt = make_optimizer((max_lr / 7,), momentum=0.9, kind=kind)
    call = f"make_one_cycle(optimizer, max_lr={max_lr}, epochs={epochs}, steps_per_epoch={spe})"
    sched = expect_scheduler(exercise.make_one_cycle(opt, max_lr, epochs, spe), opt, call)
    return call, column(drive(opt, sched, epochs * spe, total_hint=TOTAL_HINT, record=record))


def test_learning_rates(exercise, report):
    for max_lr, epochs, spe, kind in CASES:
        call, got = _run(exercise, max_lr, epochs, spe, kind, record=lambda o: [o.param_groups[0]["lr"]])
        if max_lr == 1.0:
            reported(report, "lr", got)
        ref = lambda **kw: _reference(max_lr, epochs, spe, kind, lambda o: [o.param_groups[0]["lr"]], **kw)  # noqa
        mistakes = {
            "final_div_factor divides the starting lr (max_lr / div_factor), not max_lr: to end at max_lr / 10_000 "
            "from a start of max_lr / 10, final_div_factor is 1000.": ref(final_div_factor=1e4),
            "div_factor sets the start, max_lr / div_factor: 10 here (its default is 25).":
                ref(div_factor=25.0, final_div_factor=1e4),
            "div_factor sets the start, max_lr / div_factor: 10 here (its default is 25); and the end is "
            "start / final_div_factor.": ref(div_factor=25.0),
            "the ramps follow cosine curves (anneal_strategy='cos', the default), not straight lines.":
                ref(anneal_strategy="linear"),
            "the lr rises over the first 30 % of the run: pct_start=0.3.": ref(pct_start=0.25),
            "three_phase=True adds a third phase; the plan has two: up to max_lr, then down to the end.":
                ref(three_phase=True),
        }
        what = f"{call}, {'SGD' if kind == 'sgd' else 'Adam'}"
        want = ref()
        cause = matching_mistake(got, mistakes)
        # The three numbers the plan names, before the whole curve.
        if len(got) == len(want):
            for label, got_lr, want_lr in [("the first batch", got[0], want[0]), ("the peak", max(got), max(want)),
                                           ("the last batch", got[-1], want[-1])]:
                expect(math.isclose(got_lr, want_lr, rel_tol=1e-6),
                       f"{what}: {label} should train at lr {want_lr:.6g}, but got {got_lr:.6g}.", hint=cause)
        expect_lrs(got, want, what, mistakes=mistakes,
                   hint="the first batch trains at max_lr / 10, the peak max_lr comes 30 % of the way in, and the "
                        "last batch trains at max_lr / 10_000.")


def test_momentum_cycles(exercise):
    for max_lr, epochs, spe, kind in CASES:
        call, got = _run(exercise, max_lr, epochs, spe, kind, record=momenta)
        what = "momentum" if kind == "sgd" else "Adam's beta1 (its momentum)"
        expect_lrs(got, _reference(max_lr, epochs, spe, kind, momenta), f"{what} with {call}", quantity=what,
                   plural="momentum values", mistakes={
                       "cycle_momentum=False left the optimizer's momentum alone; the plan moves it from 0.95 "
                       "to 0.85 and back (the default).": [0.9] * (epochs * spe),
                   })
