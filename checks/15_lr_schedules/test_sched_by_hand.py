import math

from dlings.testing import fail
from support_15_lr_schedules import as_number, expect_lrs, reported


def _right(s, base, w, t, lo):
    if s < w:
        return base * (s + 1) / w
    if s >= t:
        return lo
    p = (s - w + 1) / (t - w)
    return lo + (base - lo) * (1 + math.cos(math.pi * p)) / 2


def _cos(p, base, lo):
    return lo + (base - lo) * (1 + math.cos(math.pi * p)) / 2


# Each: a cause, and the lr that mistake gives at step s.
MISTAKES = {
    "the warm-up starts at 0: step 0 should already train at base_lr / warmup_steps, so use (step + 1).":
        lambda s, b, w, t, lo: b * s / w if s < w else _right(s, b, w, t, lo),
    "p is (step - warmup_steps + 1) / (total_steps - warmup_steps): without the + 1 the last step is not yet at "
    "lr_min.": lambda s, b, w, t, lo: (_right(s, b, w, t, lo) if s < w or s >= t else _cos((s - w) / (t - w), b, lo)),
    "the cosine should end at lr_min, not 0: lr_min + (base_lr - lr_min) * (1 + cos(pi * p)) / 2.":
        lambda s, b, w, t, lo: (_right(s, b, w, t, lo) if s < w else
                                0.0 if s >= t else b * (1 + math.cos(math.pi * (s - w + 1) / (t - w))) / 2),
    "past the end the cosine climbed back up: from step total_steps on, return lr_min.":
        lambda s, b, w, t, lo: _right(s, b, w, t, lo) if s < t else _cos((s - w + 1) / (t - w), b, lo),
    "step warmup_steps is the first decay step, not one more warm-up step: the warm-up is step < warmup_steps.":
        lambda s, b, w, t, lo: b * (s + 1) / w if w and s <= w else _right(s, b, w, t, lo),
    "a quarter cosine, cos(pi / 2 * p), is not the curve asked for: (1 + cos(pi * p)) / 2.":
        lambda s, b, w, t, lo: (_right(s, b, w, t, lo) if s < w or s >= t else
                                lo + (b - lo) * math.cos(math.pi / 2 * (s - w + 1) / (t - w))),
}

# (base_lr, warmup_steps, total_steps, lr_min)
CONFIGS = [(1.0, 3, 10, 0.01), (0.1, 5, 30, 1e-3), (0.5, 0, 8, 0.05), (2.0, 1, 6, 0.0), (0.3, 4, 5, 0.03),
           (0.01, 10, 100, 1e-4)]


def _call(exercise, s, b, w, t, lo):
    return as_number(exercise.lr_at(s, b, w, t, lo), f"lr_at({s}, {b}, {w}, {t}, {lo})")


def _causes(got, s, b, w, t, lo):
    for cause, fn in MISTAKES.items():
        try:
            value = fn(s, b, w, t, lo)
        except ZeroDivisionError:
            continue
        if math.isclose(got, value, rel_tol=1e-9, abs_tol=1e-12):
            return cause
    return None


def test_boundaries(exercise):
    for b, w, t, lo in CONFIGS:
        points = [(0, "step 0")]
        if w:
            points += [(w - 1, "the last warm-up step"), (w, "the first decay step")]
        points += [(t - 1, "the last step"), (t, "step total_steps (past the end)"), (t + 7, "a step far past the end")]
        for s, label in points:
            got = _call(exercise, s, b, w, t, lo)
            want = _right(s, b, w, t, lo)
            if not math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-12):
                fail(f"lr_at(step={s}, base_lr={b}, warmup_steps={w}, total_steps={t}, lr_min={lo}), {label}, "
                     f"should be {want:.6g}, got {got:.6g}.", hint=_causes(got, s, b, w, t, lo))


def test_whole_curve(exercise, report):
    for b, w, t, lo in CONFIGS:
        steps = range(t + 3)
        got = [_call(exercise, s, b, w, t, lo) for s in steps]
        if (b, w, t, lo) == CONFIGS[1]:
            reported(report, "lr", got)
        want = [_right(s, b, w, t, lo) for s in steps]
        mistakes = {}
        for cause, fn in MISTAKES.items():
            try:
                mistakes[cause] = [fn(s, b, w, t, lo) for s in steps]
            except ZeroDivisionError:
                pass
        expect_lrs(got, want, f"lr_at(step, base_lr={b}, warmup_steps={w}, total_steps={t}, lr_min={lo}) for "
                   f"steps 0..{t + 2}", mistakes=mistakes)
