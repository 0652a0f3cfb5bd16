import math

import torch

from dlings.testing import expect, expect_close, expect_shape, expect_tensor, fail


def counts(pred, target, dim):
    tp = (pred & target).sum(dim).double()
    fp = (pred & ~target).sum(dim).double()
    fn = (~pred & target).sum(dim).double()
    return tp, fp, fn


def f1_of(tp, fp, fn):
    denom = 2 * tp + fp + fn
    return torch.where(denom > 0, 2 * tp / denom.clamp(min=1), torch.zeros_like(denom))


def reference(pred, target):
    tp, fp, fn = counts(pred, target, 0)
    micro = f1_of(tp.sum(), fp.sum(), fn.sum()).item()
    return micro, f1_of(tp, fp, fn).mean().item()


def f1_cases():
    g = torch.Generator().manual_seed(0)
    target = torch.rand(20, 4, generator=g) < torch.tensor([0.5, 0.2, 0.7, 0.1])
    pred = torch.where(torch.rand(20, 4, generator=g) < 0.8, target, ~target)
    yield "pred, target (20, 4)", pred, target
    t2 = target.clone()
    t2[:, 3] = False
    p2 = pred.clone()
    p2[:, 3] = False                      # label 3: never present, never predicted -> F1 0 by the rule
    yield "pred, target (20, 4) where label 3 is never present and never predicted", p2, t2
    yield "one sample, three labels", torch.tensor([[True, False, True]]), torch.tensor([[True, True, False]])
    yield "all false", torch.zeros(5, 2, dtype=torch.bool), torch.zeros(5, 2, dtype=torch.bool)
    big_t = torch.rand(50, 6, generator=g) < 0.3
    yield "pred, target (50, 6) with one label predicted everywhere", \
        torch.where(torch.arange(6) == 2, True, big_t ^ (torch.rand(50, 6, generator=g) < 0.25)), big_t


def wrong_f1(pred, target):
    tp, fp, fn = counts(pred, target, 0)
    micro, macro = reference(pred, target)
    per_sample = f1_of(*counts(pred, target, 1)).mean().item()
    out = {
        "micro and macro are swapped: micro pools TP/FP/FN over all labels, macro averages the per-label F1s.":
            (macro, micro),
        "the F1s were computed per SAMPLE (sum over dim 1); they are per LABEL: sum over the samples (dim 0).":
            (micro, per_sample),
        "accuracy is not F1: F1 = 2TP / (2TP + FP + FN).":
            ((pred == target).double().mean().item(), macro),
    }
    denom = 2 * tp + fp + fn
    if bool((denom == 0).any()):
        out["a label with 2TP + FP + FN = 0 must count as F1 0.0 in the macro mean (the docstring's rule); it was "
            "left out of the mean."] = (micro, f1_of(tp, fp, fn)[denom > 0].mean().item())
        out["a label with 2TP + FP + FN = 0 must count as F1 0.0, not 1.0."] = \
            (micro, torch.where(denom > 0, f1_of(tp, fp, fn), torch.ones_like(denom)).mean().item())
    return out


def as_pair(got, what):
    if got is None:
        fail(f"{what} returned None.", hint="finish the TODO and return (micro, macro).")
    expect(isinstance(got, tuple) and len(got) == 2, f"{what} should return a tuple (micro, macro), got {got!r}.")
    for name, v in zip(("micro", "macro"), got):
        if isinstance(v, torch.Tensor):
            fail(f"{what}: {name} is a tensor; return Python floats (.item()).")
        expect(isinstance(v, float), f"{what}: {name} should be a Python float, got {type(v).__name__} {v!r}.")
    return got


def close_pair(a, b):
    return all(math.isclose(x, y, rel_tol=1e-5, abs_tol=1e-6) or (math.isnan(x) and math.isnan(y)) for x, y in zip(a, b))


def test_f1_scores(exercise):
    for desc, pred, target in f1_cases():
        what = f"f1_scores(pred, target) for {desc}"
        got = as_pair(exercise.f1_scores(pred.clone(), target.clone()), what)
        ref = reference(pred, target)
        if close_pair(got, ref):
            continue
        cause = next((c for c, v in wrong_f1(pred, target).items() if close_pair(got, v)), None)
        if cause is None and any(math.isnan(v) for v in got):
            cause = "0 / 0 = nan for a label with no TP, FP or FN: the docstring says its F1 counts as 0.0."
        fail(f"{what} is not right.\n  expected (micro, macro) = ({ref[0]:.6g}, {ref[1]:.6g})\n"
             f"  got                      ({got[0]:.6g}, {got[1]:.6g})", hint=cause)


def best_reference(probs, target, candidates, *, strict=True, last=False, shared=False, nan=False):
    scores = []
    for t in candidates:
        pred = probs > t if strict else probs >= t
        if nan:
            tp, fp, fn = counts(pred, target, 0)
            scores.append(2 * tp / (2 * tp + fp + fn))
        elif shared:
            tp, fp, fn = counts(pred, target, 0)
            scores.append(f1_of(tp.sum(), fp.sum(), fn.sum()).expand(target.shape[1]))
        else:
            scores.append(f1_of(*counts(pred, target, 0)))
    s = torch.stack(scores)
    if last:
        idx = s.shape[0] - 1 - s.flip(0).argmax(dim=0)
    else:
        idx = s.argmax(dim=0)
    return candidates[idx]


def threshold_case(seed, n=40):
    """Probabilities on a grid of 1/32 and candidates on a grid of 1/16: exact in binary, so a probability
    equal to a candidate really is equal, and ties between candidates are common."""
    g = torch.Generator().manual_seed(seed)
    target = torch.rand(n, 4, generator=g) < torch.tensor([0.5, 0.2, 0.6, 0.1])
    # A label-dependent bias: labels 1 and 3 run low, label 2 high, as a miscalibrated model's would.
    score = target.float() * 0.4 + torch.rand(n, 4, generator=g) * 0.45 + torch.tensor([0.05, -0.25, 0.2, -0.3])
    probs = (score.clamp(0, 1) * 32).round() / 32
    return probs, target


def test_best_thresholds(exercise):
    candidates = torch.arange(1, 16) / 16
    for seed in [0, 1, 2, 3]:
        probs, target = threshold_case(seed)
        what = f"best_thresholds(probs, target, candidates=[1/16, 2/16, ..., 15/16]) (case {seed})"
        if seed == 3:
            # A label no sample has: every candidate scores F1 0 (0/0 counts as 0.0 once nothing is predicted),
            # so the smallest candidate wins. A 0/0 left as nan is what torch.argmax takes for the maximum.
            target[:, 3] = False
            what += ", label 3 has no positive sample"
        got = exercise.best_thresholds(probs.clone(), target.clone(), candidates.clone())
        expect_tensor(got, what)
        expect_shape(got, (4,), what, hint="one threshold per label (target.shape[1]).")
        ref = best_reference(probs, target, candidates)
        expect_close(got.to(ref.dtype), ref, what, mistakes={
            "among equally good thresholds take the SMALLEST (the first candidate; argmax returns the first "
            "maximum).": best_reference(probs, target, candidates, last=True),
            "the predictions are probs > t (strictly): a probability equal to t is not a positive.":
                best_reference(probs, target, candidates, strict=False),
            "you chose one threshold for all labels (by micro-F1); choose each label's own.":
                best_reference(probs, target, candidates, shared=True),
            "where a label has no positives and nothing is predicted, 2TP + FP + FN is 0 and your F1 is 0/0 = nan: "
            "torch.argmax treats nan as the largest value. Count that F1 as 0.0 (the docstring's rule).":
                best_reference(probs, target, candidates, nan=True),
        })


def test_tuned_thresholds_help_rare_labels(exercise, report):
    """The point: a label whose probabilities run low never crosses 0.5; its own threshold rescues it."""
    candidates = torch.arange(1, 16) / 16
    probs_val, target_val = threshold_case(10, n=400)
    probs_test, target_test = threshold_case(11, n=400)
    tuned = exercise.best_thresholds(probs_val, target_val, candidates)
    expect_tensor(tuned, "best_thresholds(...)")
    fixed = reference(probs_test > 0.5, target_test)[1]
    got = exercise.f1_scores(probs_test > tuned.to(probs_test.dtype), target_test)
    as_pair(got, "f1_scores(...)")
    ref = reference(probs_test > best_reference(probs_val, target_val, candidates), target_test)[1]
    report("macro-F1 at 0.5", fixed)
    report("macro-F1 tuned", got[1])
    # Measured: 0.5 everywhere gives macro-F1 0.58 on the held-out set; the tuned thresholds give 0.92.
    expect(math.isclose(got[1], ref, rel_tol=1e-5, abs_tol=1e-6),
           f"macro-F1 on held-out data with the thresholds tuned on validation data should be {ref:.4f} "
           f"(0.5 everywhere gives {fixed:.4f}); got {got[1]:.4f}.")
