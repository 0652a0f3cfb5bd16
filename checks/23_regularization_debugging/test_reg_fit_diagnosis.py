"""reg_fit_diagnosis: diagnose() on curves made for it.

Realistic runs (a small model stuck high, a big one memorising, a good one,
one that is both: which is bigger decides), and one curve per rule's edge:
a blip in the last epoch that the 3-epoch mean smooths, a dip found only by
taking the minimum, a floor above 0 that decides bias, val below train
(dropout's train loss), a tie between bias and variance (underfitting), a
bias or variance exactly equal to tol (not above it), a non-default tol,
1 and 2 epochs. Boundary values are sums of powers of two, exact in floats.
"""

from dlings.testing import fail

ALLOWED = ("underfitting", "overfitting", "good fit")

CASES = [
    # (what it is, train_loss, val_loss, floor, tol, expected)
    ("a tiny model stuck high", [1.1, 0.95, 0.9, 0.88, 0.87, 0.87], [1.1, 0.97, 0.92, 0.9, 0.9, 0.89], 0.1, 0.05,
     "underfitting"),
    ("a big model memorising", [0.9, 0.5, 0.3, 0.2, 0.15, 0.12, 0.11], [0.9, 0.6, 0.5, 0.5, 0.55, 0.6, 0.66], 0.1,
     0.05, "overfitting"),
    ("a good fit", [0.9, 0.5, 0.35, 0.3, 0.29, 0.28], [0.9, 0.55, 0.4, 0.33, 0.31, 0.31], 0.25, 0.05, "good fit"),
    ("both too big, variance the bigger", [1.0, 0.6, 0.45, 0.42, 0.41, 0.4], [1.0, 0.8, 0.8, 0.85, 0.9, 0.95],
     0.2, 0.05, "overfitting"),
    ("both too big, bias the bigger", [1.0, 0.9, 0.8, 0.75, 0.72, 0.7], [1.0, 0.95, 0.9, 0.85, 0.85, 0.85],
     0.1, 0.05, "underfitting"),
    ("a blip in the last epoch only (the mean of the last 3 smooths it)", [0.9, 0.5, 0.3, 0.2, 0.2, 0.2],
     [0.9, 0.5, 0.3, 0.22, 0.21, 0.3], 0.18, 0.05, "good fit"),
    ("a single low train epoch near the end (the mean, not the minimum)", [1.0, 0.7, 0.5, 0.5, 0.2, 0.5],
     [1.0, 0.7, 0.52, 0.45, 0.45, 0.45], 0.3, 0.05, "underfitting"),
    ("a task with a high floor (lots of label noise)", [1.0, 0.8, 0.7, 0.65, 0.64, 0.63],
     [1.0, 0.8, 0.71, 0.67, 0.66, 0.65], 0.6, 0.05, "good fit"),
    ("val below train (dropout makes training loss the higher one)", [1.0, 0.7, 0.6, 0.55, 0.55, 0.55],
     [0.9, 0.5, 0.4, 0.35, 0.3, 0.3], 0.52, 0.05, "good fit"),
    ("val far below train with a high bias", [1.0, 0.8, 0.75, 0.75, 0.75, 0.75], [0.9, 0.6, 0.4, 0.3, 0.3, 0.3],
     0.25, 0.05, "underfitting"),
    ("bias exactly equal to variance (the tie counts as underfitting)", [1.0, 0.75, 0.5, 0.5, 0.5],
     [1.0, 0.8, 0.75, 0.75, 0.75], 0.25, 0.125, "underfitting"),
    ("bias and variance both exactly tol (not above it)", [1.0, 0.75, 0.375, 0.375, 0.375],
     [1.0, 0.75, 0.5, 0.5, 0.5], 0.25, 0.125, "good fit"),
    ("variance exactly tol, bias 0", [1.0, 0.5, 0.25, 0.25, 0.25], [1.0, 0.5, 0.375, 0.375, 0.375], 0.25, 0.125,
     "good fit"),
    ("variance just above tol, bias 0", [1.0, 0.5, 0.25, 0.25, 0.25], [1.0, 0.5, 0.4375, 0.375, 0.40625], 0.25,
     0.125, "overfitting"),
    ("a larger tol than the default", [0.9, 0.5, 0.4, 0.35, 0.32, 0.31], [0.9, 0.6, 0.5, 0.45, 0.42, 0.41], 0.2,
     0.15, "good fit"),
    ("one epoch", [0.8], [0.85], 0.1, 0.05, "underfitting"),
    ("two epochs (the mean of both)", [0.6, 0.2], [0.9, 0.7], 0.1, 0.05, "overfitting"),
    ("two epochs, val barely above train", [0.6, 0.2], [0.48, 0.4], 0.37, 0.05, "good fit"),
    ("one epoch, high above the floor (its mean is itself, not a third of it)", [0.3], [0.33], 0.1, 0.05,
     "underfitting"),
    ("two epochs, high above the floor (the mean of 2 values divides by 2)", [0.4, 0.2], [0.42, 0.24], 0.2, 0.05,
     "underfitting"),
]

HINTS = {
    "underfitting": "underfitting when bias > tol and bias >= variance: bias = train_end - floor, with train_end the "
                    "MEAN of the last 3 train losses (all of them when there are fewer).",
    "overfitting": "overfitting when variance > tol and variance > bias: variance = val_end - train_end, each the "
                   "MEAN of its curve's last 3 values (not the last value, not the lowest).",
    "good fit": "neither rule applies here: check the ends (mean of the last 3), the floor in bias, that the "
                "comparisons with tol are strict (> tol), and that a variance below 0 is not a big variance.",
}


def _shown(values):
    return "[" + ", ".join(f"{v:g}" for v in values) + "]"


def test_diagnoses(exercise, report):
    for what, train, val, floor, tol, want in CASES:
        history = {"train_loss": list(train), "val_loss": list(val)}
        call = f"diagnose(history, floor={floor:g}, tol={tol:g})" if tol != 0.05 else \
            f"diagnose(history, floor={floor:g})"
        got = exercise.diagnose(history, floor, tol) if tol != 0.05 else exercise.diagnose(history, floor)
        if got is None or got is Ellipsis:
            fail(f"{call} returned None; it should return one of " + ", ".join(map(repr, ALLOWED)) + ".",
                 hint="finish the TODO.")
        if got not in ALLOWED:
            fail(f"{call} returned {got!r}; it should return exactly one of " + ", ".join(map(repr, ALLOWED)) + ".")
        if history != {"train_loss": list(train), "val_loss": list(val)}:
            fail(f"{call} changed the history it was given ({what}); read it, do not modify it.")
        if what == "a big model memorising":
            for epoch, (t, v) in enumerate(zip(train, val), start=1):
                report("train_loss", t, epoch)
                report("val_loss", v, epoch)
        if got != want:
            k = min(3, len(train))
            t_end, v_end = sum(train[-k:]) / k, sum(val[-k:]) / k
            fail(f"{call} returned {got!r} for {what}; the rules give {want!r}.\n"
                 f"  train_loss {_shown(train)}\n  val_loss   {_shown(val)}\n"
                 f"  (train_end {t_end:.4g}, val_end {v_end:.4g}: bias {t_end - floor:.4g}, "
                 f"variance {v_end - t_end:.4g})", hint=HINTS[want])
