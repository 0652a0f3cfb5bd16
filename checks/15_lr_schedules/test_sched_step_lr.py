import torch
from dlings.testing import fail
from support_15_lr_schedules import (
    as_number,
    column,
    drive,
    expect_lrs,
    expect_scheduler,
    make_optimizer,
    reported,
)


def _step_lrs(base, epochs, step_size=4, gamma=0.5):
    return [base * gamma ** (e // step_size) for e in range(epochs)]


def test_make_scheduler_halves_every_four_epochs(exercise, report):
    # 20 epochs: MultiStepLR([4, 8]) matches the first 12 and stops halving after that.
    for lrs in [(0.1,), (0.3, 0.02)]:
        opt = make_optimizer(lrs)
        sched = expect_scheduler(exercise.make_scheduler(opt), opt, "make_scheduler(optimizer)")
        seen = drive(opt, sched, 20)
        if lrs == (0.1,):
            reported(report, "lr", column(seen))
        for g, base in enumerate(lrs):
            expect_lrs(column(seen, g), _step_lrs(base, 20),
                       f"with an SGD optimizer of lr {base}" + (f" (param group {g} of {len(lrs)})" if len(lrs) > 1 else ""),
                       unit="epoch",
                       mistakes={
                           "step_size is the number of epochs between two drops: 4 here, so the first drop comes "
                           "after epoch 3.": _step_lrs(base, 20, step_size=3),
                           "step_size 5 drops one epoch late: epochs 0-3 are the four epochs at the full lr.":
                               _step_lrs(base, 20, step_size=5),
                           "gamma is the factor the lr is multiplied by at each drop (0.5 halves it), not the new "
                           "lr.": _step_lrs(base, 20, gamma=0.05),
                           "a list of milestones stops after its last one; the plan halves every 4 epochs for as "
                           "long as it runs: that is StepLR.":
                               [base * 0.5 ** min(e // 4, 2) for e in range(20)],
                           "the lr changed every epoch: StepLR keeps it constant for step_size epochs, then "
                           "multiplies by gamma once.": [base * 0.5 ** (e / 4) for e in range(20)],
                       })


CASES = [  # (base_lr, step_size, gamma, epoch): boundaries on both sides of each drop
    (0.1, 4, 0.5, 0), (0.1, 4, 0.5, 3), (0.1, 4, 0.5, 4), (0.1, 4, 0.5, 7), (0.1, 4, 0.5, 8),
    (0.3, 1, 0.9, 0), (0.3, 1, 0.9, 1), (0.3, 1, 0.9, 5),
    (2.0, 3, 0.1, 2), (2.0, 3, 0.1, 3), (2.0, 3, 0.1, 10), (0.05, 10, 0.5, 9), (0.05, 10, 0.5, 10),
    (0.05, 10, 0.5, 31), (1.0, 7, 0.25, 0), (1.0, 7, 0.25, 13), (1.0, 7, 0.25, 14),
]


def test_step_lr_at_formula(exercise):
    for base, size, gamma, epoch in CASES:
        got = as_number(exercise.step_lr_at(base, size, gamma, epoch),
                        f"step_lr_at({base}, {size}, {gamma}, {epoch})")
        want = base * gamma ** (epoch // size)
        if abs(got - want) > 1e-9 * abs(want) + 1e-15:
            causes = [
                ((epoch + 1) // size, ("the first drop comes after step_size whole epochs: epoch step_size - 1 "
                                      "still trains at base_lr, so count epoch // step_size drops.")),
                (epoch, ("gamma applies once per step_size epochs, not every epoch: the exponent is "
                        "epoch // step_size.")),
                (epoch / size, ("epoch / step_size is a fraction, so the lr slides every epoch; the drops are "
                               "whole numbers: epoch // step_size.")),
                (-(-epoch // size), ("rounding up drops the lr too early: the number of drops is epoch // step_size "
                                    "(rounded down).")),
            ]
            hint = next((why for k, why in causes if abs(base * gamma ** k - got) <= 1e-9 * abs(got) + 1e-15), None)
            fail(f"step_lr_at(base_lr={base}, step_size={size}, gamma={gamma}, epoch={epoch}) should be "
                 f"{want:.6g}, got {got:.6g}.", hint=hint)


def test_formula_matches_steplr(exercise):
    # The same numbers StepLR produces, for an optimizer the learner has not seen.
    opt = make_optimizer((0.7,))
    sched = torch.optim.lr_scheduler.StepLR(opt, step_size=3, gamma=0.3)
    seen = column(drive(opt, sched, 12))
    got = [as_number(exercise.step_lr_at(0.7, 3, 0.3, e), f"step_lr_at(0.7, 3, 0.3, {e})") for e in range(12)]
    expect_lrs(got, seen, "step_lr_at(0.7, 3, 0.3, epoch) for epochs 0..11, compared with StepLR itself", unit="epoch")
