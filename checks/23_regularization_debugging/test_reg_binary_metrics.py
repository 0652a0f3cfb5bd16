import torch

from dlings.testing import fail

from support_23_regularization_debugging import expect_float_dict, expect_values

KEYS = ["accuracy", "precision", "recall", "f1", "balanced_accuracy"]


def counts(scores, target, threshold):
    pred, truth = scores >= threshold, target.bool()
    return ((pred & truth).sum().item(), (pred & ~truth).sum().item(),
            (~pred & truth).sum().item(), (~pred & ~truth).sum().item())


def r(a, b):
    return a / b if b else 0.0


def metrics(tp, fp, fn, tn):
    p, rec = r(tp, tp + fp), r(tp, tp + fn)
    return {"accuracy": r(tp + tn, tp + fp + fn + tn), "precision": p, "recall": rec,
            "f1": r(2 * p * rec, p + rec), "balanced_accuracy": (rec + r(tn, tn + fp)) / 2}


def wrong(tp, fp, fn, tn, scores, target, threshold):
    p, rec = r(tp, tp + fp), r(tp, tp + fn)
    ok = metrics(tp, fp, fn, tn)
    gt = counts(scores + (scores == threshold) * -1.0, target, threshold)   # strict >
    return {
        "precision and recall are swapped: precision = TP / (TP + FP) (of the predicted positives, how many are "
        "right), recall = TP / (TP + FN) (of the real positives, how many were found).":
            {**ok, "precision": rec, "recall": p, "balanced_accuracy": (p + r(tn, tn + fp)) / 2},
        "F1 is the harmonic mean 2PR / (P + R), not the plain mean (P + R) / 2.": {**ok, "f1": (p + rec) / 2},
        "balanced accuracy averages the recall of BOTH classes: (TP / (TP + FN) + TN / (TN + FP)) / 2.":
            {**ok, "balanced_accuracy": (p + rec) / 2},
        "a score equal to the threshold counts as positive (>=, not >).": metrics(*gt),
        "the threshold applies to the scores only: target already holds the 0/1 truth (target.bool()), "
        "do not compare target with the threshold.": metrics(*counts(scores, target >= threshold, threshold)),
    }


def hand_cases():
    # (what, scores, target, threshold, expected), every expected value worked out by hand
    t = torch.zeros(100)
    t[:5] = 1
    yield ("the lazy model: all scores 0 on 100 samples, 5 positive", torch.zeros(100), t, 0.5,
           {"accuracy": 0.95, "precision": 0.0, "recall": 0.0, "f1": 0.0, "balanced_accuracy": 0.5})
    s = torch.tensor([0.9, 0.8, 0.3, 0.6, 0.2, 0.1, 0.7, 0.4])
    y = torch.tensor([1, 1, 1, 0, 0, 0, 0, 0])
    # predicted positive: 0.9 0.8 0.6 0.7 -> TP 2, FP 2, FN 1, TN 3
    yield ("scores [0.9, 0.8, 0.3, 0.6, 0.2, 0.1, 0.7, 0.4], target [1, 1, 1, 0, 0, 0, 0, 0]", s, y, 0.5,
           {"accuracy": 5 / 8, "precision": 0.5, "recall": 2 / 3, "f1": 4 / 7, "balanced_accuracy": (2 / 3 + 3 / 5) / 2})
    # threshold 0.3 exactly on a score: 0.3 counts -> TP 3, FP 3 (0.6 0.7 0.4), FN 0, TN 2
    yield ("the same with threshold=0.3 (one score sits exactly on it)", s, y, 0.3,
           {"accuracy": 5 / 8, "precision": 0.5, "recall": 1.0, "f1": 2 / 3, "balanced_accuracy": (1 + 2 / 5) / 2})
    yield ("no positives at all in target, one predicted", torch.tensor([[0.9, 0.1], [0.2, 0.3]]),
           torch.zeros(2, 2, dtype=torch.long), 0.5,
           {"accuracy": 0.75, "precision": 0.0, "recall": 0.0, "f1": 0.0, "balanced_accuracy": 0.375})
    e = torch.tensor([1.0, 0.0, 0.5, 1.0])
    ye = torch.tensor([1.0, 0.0, 1.0, 0.0])
    # threshold 0.0: every score is >= 0 -> TP 2, FP 2, FN 0, TN 0
    yield ("scores [1.0, 0.0, 0.5, 1.0], float target [1., 0., 1., 0.], threshold=0.0 (every sample predicted positive)",
           e, ye, 0.0, {"accuracy": 0.5, "precision": 0.5, "recall": 1.0, "f1": 2 / 3, "balanced_accuracy": 0.5})
    # threshold 1.0: only the two 1.0 scores -> TP 1, FP 1, FN 1, TN 1
    yield ("the same with threshold=1.0 (only scores equal to 1.0 are positive)", e, ye, 1.0,
           {"accuracy": 0.5, "precision": 0.5, "recall": 0.5, "f1": 0.5, "balanced_accuracy": 0.5})
    yield ("everything right, bool target", torch.tensor([0.99, 0.01, 0.51]), torch.tensor([True, False, True]), 0.5,
           {"accuracy": 1.0, "precision": 1.0, "recall": 1.0, "f1": 1.0, "balanced_accuracy": 1.0})


def random_cases():
    g = torch.Generator().manual_seed(0)
    for n, frac, thr in [(200, 0.05, 0.5), (64, 0.3, 0.2), (37, 0.5, 0.75)]:
        y = (torch.rand(n, generator=g) < frac).long()
        s = (0.35 * y + 0.65 * torch.rand(n, generator=g)).clamp(0, 1)
        s = torch.round(s * 20) / 20                  # ties on the threshold happen
        yield f"random scores ({n},), {frac:.0%} positives, threshold={thr}", s, y, thr


def judge(exercise, what, s, y, thr, expected):
    kwargs = {} if thr == 0.5 else {"threshold": thr}
    call = f"binary_report(scores, target{', threshold=' + str(thr) if kwargs else ''}) for {what}"
    try:
        got = exercise.binary_report(s.clone(), y.clone(), **kwargs)
    except ZeroDivisionError:
        fail(f"{call} divided by zero.", hint="a ratio whose denominator is 0 (no predicted positives, no real "
             "positives, ...) counts as 0.0: a / b if b else 0.0.")
    got = expect_float_dict(got, KEYS, call)
    tp, fp, fn, tn = counts(s, y, thr)
    expect_values(got, expected, call, mistakes=wrong(tp, fp, fn, tn, s, y, thr))


def test_hand_computed_cases(exercise):
    for what, s, y, thr, expected in hand_cases():
        judge(exercise, what, s, y, thr, expected)


def test_random_cases(exercise):
    for what, s, y, thr in random_cases():
        judge(exercise, what, s, y, thr, metrics(*counts(s, y, thr)))
