"""loop_early_stopping: the stop epoch, best and best_epoch on scripted curves.

Each curve targets one rule: the bad-epoch count resets on improvement, a tie
is not an improvement, min_delta is measured from the best value (exact binary
fractions, so there is no rounding doubt at the boundary), nan is a bad epoch,
patience=1 stops at the first bad epoch.
"""
import math

import support_14_training_loop  # noqa: F401 - sets one thread for the tiny models
from dlings.testing import expect, fail

NAN = float("nan")
CURVES = [
    # (patience, min_delta, val losses, what it probes)
    (3, 0.0, [1.0, 0.8, 0.7, 0.71, 0.72, 0.69, 0.70, 0.70, 0.70, 0.5], "a dip that resets the count"),
    (2, 0.0, [0.5, 0.5, 0.5, 0.4], "ties"),
    (3, 0.25, [4.0, 3.875, 3.75, 3.625, 3.5, 3.375, 3.25], "min_delta=0.25"),
    (2, 0.0, [1.0, NAN, 0.9, NAN, NAN, 0.1], "nan losses"),
    (1, 0.0, [2.0, 1.0, 1.5, 0.5], "patience=1"),
]


def _reference(patience, min_delta, losses, variant="right"):
    """[(stop, best, best_epoch) after each epoch], up to the first stop."""
    best, best_epoch, bad, out = math.inf, 0, 0, []
    last = math.inf
    for epoch, v in enumerate(losses, start=1):
        if variant == "ties_improve":
            better = v <= best - min_delta
        elif variant == "nan_improves":
            better = not (v >= best - min_delta)
        elif variant == "from_previous":
            better = v < last - min_delta
        else:
            better = v < best - min_delta
        last = v
        if better:
            best, best_epoch = v, epoch
            if variant != "no_reset":
                bad = 0
        else:
            bad += 1
            if variant == "best_always":
                best = min(best, v)
        stop = bad > patience if variant == "late" else bad >= patience
        out.append((stop, best, best_epoch))
        if stop:
            break
    return out


CAUSES = {
    "no_reset": "the count of bad epochs was not reset to 0 when an epoch improved.",
    "ties_improve": "a tie counted as an improvement (<=); an epoch improves only when val_loss < best - min_delta.",
    "nan_improves": "a nan counted as an improvement: `val_loss >= best - min_delta` is False for nan. Test for the "
                    "improvement instead (`if val_loss < best - min_delta:` ... `else:` bad), and nan falls in the "
                    "bad branch by itself.",
    "from_previous": "the improvement was measured from the previous epoch's loss; measure it from the best so far.",
    "best_always": "best moved on an epoch that did not improve by min_delta: best changes only on an improvement.",
    "late": "the stop came one epoch late: return True as soon as the count REACHES patience (>=).",
}


def _same(a, b):
    return a == b or (isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b))


def test_scripted_curves(exercise):
    for patience, min_delta, losses, probe in CURVES:
        want = _reference(patience, min_delta, losses)
        stopper = exercise.EarlyStopping(patience, min_delta=min_delta)
        shown = "[" + ", ".join("nan" if math.isnan(v) else f"{v:g}" for v in losses) + "]"
        call = f"EarlyStopping(patience={patience}, min_delta={min_delta}) fed {shown} ({probe})"
        got = []
        for epoch, v in enumerate(losses, start=1):
            stop = stopper.step(v)
            if stop is None or stop is Ellipsis:
                fail(f"step({v}) returned {stop!r}; it should return True or False.",
                     hint="finish the TODO and return whether the count of bad epochs has reached patience.")
            best, best_epoch = getattr(stopper, "best", None), getattr(stopper, "best_epoch", None)
            got.append((bool(stop), best, best_epoch))
            if epoch > len(want):
                break
            ref = want[epoch - 1]
            if got[-1][0] == ref[0] and _same(best, ref[1]) and best_epoch == ref[2]:
                if ref[0]:
                    break
                continue
            cause = None
            for variant, text in CAUSES.items():
                alt = _reference(patience, min_delta, losses, variant)
                if len(alt) >= epoch and (alt[epoch - 1][0], alt[epoch - 1][2]) == (got[-1][0], best_epoch) and \
                        _same(alt[epoch - 1][1], best):
                    cause = text
                    break
            if cause is None and isinstance(best_epoch, int) and best_epoch == ref[2] - 1:
                cause = "best_epoch is one short: epochs count from 1 (the first call to step() is epoch 1)."
            if got[-1][0] != ref[0]:
                fail(f"{call}: step() returned {got[-1][0]} at epoch {epoch}; "
                     + (f"training should stop at epoch {len(want)}." if want[-1][0] else
                        "training should not stop on this curve at all."),
                     hint=cause or "count the bad epochs since the last improvement; stop when the count reaches "
                                   "patience.")
            fail(f"{call}: after epoch {epoch}, best={best!r} and best_epoch={best_epoch!r}; expected "
                 f"best={ref[1]!r}, best_epoch={ref[2]}.",
                 hint=cause or "best and best_epoch change only on an improving epoch; epochs count from 1.")
        else:
            expect(not want[-1][0], f"{call}: step() never returned True; training should stop at epoch "
                   f"{len(want)}.", hint="return True as soon as the count of bad epochs reaches patience.")
