"""loop_read_curves: diagnose() on scripted histories.

Realistic curves for each diagnosis, and one curve per rule's edge: nan and inf
in train_loss, the plateau boundary (last == 0.9 x first, exactly in binary),
a rule order that matters (a plateau whose val_loss also rises), the lowest
val_loss 3 vs 2 epochs before the end, a rise of only 5 %, a tie for the
lowest val_loss (the first occurrence counts), two epochs only.
"""
import math

import support_14_training_loop  # noqa: F401 - sets one thread for the tiny models
from dlings.testing import fail

NAN, INF = float("nan"), float("inf")
ALLOWED = ("diverging", "plateaued", "overfitting", "healthy")

CASES = [
    # (what it is, train_loss, val_loss, expected)
    ("a healthy run", [2.3, 1.4, 0.9, 0.62, 0.45, 0.36, 0.31], [2.2, 1.45, 1.0, 0.72, 0.58, 0.5, 0.47], "healthy"),
    ("a run that overfits", [2.3, 1.2, 0.7, 0.42, 0.25, 0.14, 0.08, 0.05, 0.03, 0.02],
     [2.2, 1.3, 0.95, 0.81, 0.79, 0.84, 0.93, 1.02, 1.1, 1.21], "overfitting"),
    ("a run whose loss blows up", [1.0, 0.8, 1.5, 4.0, 30.0], [1.0, 0.9, 1.7, 5.0, 41.0], "diverging"),
    ("a run that ends in nan", [2.3, 1.9, 5.2, INF, NAN, NAN], [2.3, 2.0, 6.0, INF, NAN, NAN], "diverging"),
    ("a run that ends in inf", [2.3, 1.2, 8.5, INF], [2.3, 1.3, 9.1, INF], "diverging"),
    ("a run with one inf epoch that recovered", [2.0, 1.0, INF, 0.9, 0.5], [2.0, 1.1, INF, 1.0, 0.6], "diverging"),
    ("a run that hardly moves", [1.1, 1.09, 1.08, 1.05, 1.02, 1.0], [1.1, 1.1, 1.09, 1.07, 1.05, 1.04], "plateaued"),
    ("a plateau whose val_loss also rises (the plateau rule comes first)", [1.0, 0.97, 0.95, 0.94, 0.93, 0.92],
     [1.0, 0.8, 0.85, 0.9, 0.95, 1.2], "plateaued"),
    # 1.125 / 1.25 is 0.9 and (1.25 - 1.125) / 1.25 is 0.1 exactly in floating point, so every way of
    # writing the rule agrees here
    ("a run whose last train_loss is exactly 0.9 x the first (not above it)", [1.25, 1.2, 1.15, 1.125],
     [1.25, 1.2, 1.15, 1.125], "healthy"),
    ("val_loss lowest 3 epochs before the end, then 30 % up", [2.0, 1.0, 0.5, 0.3, 0.2, 0.1],
     [2.0, 1.1, 0.7, 0.75, 0.8, 0.91], "overfitting"),
    ("val_loss lowest 2 epochs before the end, then 30 % up", [2.0, 1.0, 0.5, 0.3, 0.2, 0.1],
     [2.0, 1.1, 0.8, 0.7, 0.8, 0.91], "healthy"),
    ("val_loss lowest 5 epochs before the end, then only 5 % up", [2.0, 1.0, 0.5, 0.3, 0.2, 0.1, 0.05, 0.02],
     [2.0, 1.1, 0.8, 0.81, 0.82, 0.83, 0.835, 0.84], "healthy"),
    ("a tie for the lowest val_loss (its first occurrence counts)", [2.0, 1.0, 0.6, 0.4, 0.3, 0.2],
     [2.0, 0.5, 0.6, 0.7, 0.5, 0.8], "overfitting"),
    ("two epochs", [1.0, 0.5], [1.0, 0.6], "healthy"),
    ("a train_loss that ends above its start while val_loss rises", [1.0, 0.5, 0.4, 0.45, 0.6, 1.2],
     [1.0, 0.6, 0.55, 0.7, 0.9, 1.5], "diverging"),
]


def _shown(values):
    return "[" + ", ".join("nan" if math.isnan(v) else "inf" if math.isinf(v) else f"{v:g}" for v in values) + "]"


HINTS = {
    "diverging": "first rule: any train_loss that is nan or inf (math.isfinite is False), or a last train_loss above "
                 "the first. Note that nan > x is always False, so nan needs its own test.",
    "plateaued": "second rule, tested before the overfitting one: last train_loss > 0.9 * first train_loss.",
    "overfitting": "third rule: take the FIRST index of the lowest val_loss; it must be 3 or more epochs before the "
                   "last (len(val) - 1 - best >= 3), and the last val_loss more than 1.1 x that lowest value.",
    "healthy": "none of the three rules applies here: check each rule's comparison (strictly above, 3 or more "
               "epochs, more than 10 %) and the order the rules are tested in.",
}


def test_diagnoses(exercise, report):
    for what, train, val, want in CASES:
        history = {"train_loss": list(train), "val_loss": list(val)}
        got = exercise.diagnose(history)
        if got is None or got is Ellipsis:
            fail("diagnose(history) returned None; it should return one of " + ", ".join(map(repr, ALLOWED)) + ".",
                 hint="finish the TODO.")
        if got not in ALLOWED:
            fail(f"diagnose(history) returned {got!r}; it should return exactly one of "
                 + ", ".join(map(repr, ALLOWED)) + ".")
        if history != {"train_loss": list(train), "val_loss": list(val)} and not any(math.isnan(v) for v in train):
            fail(f"diagnose(history) changed the history it was given ({what}); read it, do not modify it.")
        if what == "a run that overfits":
            for epoch, (t, v) in enumerate(zip(train, val), start=1):
                report("train_loss", t, epoch)
                report("val_loss", v, epoch)
        if got != want:
            fail(f"diagnose(history) returned {got!r} for {what}; the rules give {want!r}.\n"
                 f"  train_loss {_shown(train)}\n  val_loss   {_shown(val)}",
                 hint=HINTS[want] if want != "healthy" else HINTS[got])
