import torch

from dlings.testing import calls_in, expect, fail, no_loops
from support_03_math_ops import as_float, call, speedup

MIN_SPEEDUP = 20.0


def _auc_loop(scores, labels):
    """The loop baseline, kept in the check (the one in your file is yours to change)."""
    total, pairs = 0.0, 0
    for i in range(len(scores)):
        for j in range(len(scores)):
            if labels[i] == 1 and labels[j] == 0:
                pairs += 1
                if scores[i] > scores[j]:
                    total += 1.0
                elif scores[i] == scores[j]:
                    total += 0.5
    return total / pairs


def _reference(scores, labels):
    pos, neg = scores[labels == 1].double(), scores[labels == 0].double()
    d = pos[:, None] - neg[None, :]
    return ((d > 0).double() + 0.5 * (d == 0).double()).mean().item()


def _data(n, seed, ties):
    g = torch.Generator().manual_seed(seed)
    scores = torch.rand(n, generator=g)
    if ties:
        scores = (scores * 5).round() / 5      # only 6 distinct values: many ties
    labels = torch.randint(0, 2, (n,), generator=g)
    labels[0], labels[1] = 1, 0                # at least one of each
    return scores, labels


def test_auc_values(exercise):
    for n, seed, ties in [(5, 0, False), (12, 1, True), (40, 2, True), (40, 3, False)]:
        scores, labels = _data(n, seed, ties)
        want = _reference(scores, labels)
        what = f"auc(scores, labels) for {n} scores{' with ties' if ties else ''}"
        got = as_float(call(exercise.auc, scores, labels), what)
        pos, neg = scores[labels == 1], scores[labels == 0]
        causes = {
            "ties count 0.5, not 0: add half a point where pos == neg.": (pos[:, None] > neg[None, :]).float().mean().item(),
            "ties count 0.5, not 1: >= gives ties a full point.": (pos[:, None] >= neg[None, :]).float().mean().item(),
            "the comparison is the wrong way round (neg > pos).": 1.0 - want,
        }
        hint = next((c for c, v in causes.items() if abs(got - v) < 1e-5), None)
        expect(abs(got - want) < 1e-5, f"{what} is not right.\n  expected {want:.6f}\n  got      {got:.6f}", hint=hint)


def test_auc_has_no_loops(exercise):
    no_loops(exercise.auc)
    hidden = {"map", "filter", "functools.reduce", "reduce", "np.vectorize", "numpy.vectorize", "vectorize"} & calls_in(exercise.auc)
    if hidden:
        fail(f"auc uses `{sorted(hidden)[0]}`, which still calls Python once per element.",
             hint="compare all pairs at once with broadcasting: pos[:, None] against neg[None, :].")


def test_auc_is_faster_than_the_loop(exercise):
    scores, labels = _data(40, 4, True)
    ratio, t_loop, t_fast = speedup(_auc_loop, exercise.auc, (scores, labels), enough=MIN_SPEEDUP)
    expect(ratio >= MIN_SPEEDUP,
           f"auc(scores, labels) is only {ratio:.1f}x faster than the double loop (at least {MIN_SPEEDUP:.0f}x expected).\n"
           f"  loop: {t_loop * 1e6:.0f} us per call    yours: {t_fast * 1e6:.0f} us per call\n"
           f"  (timed just now with torch.utils.benchmark, on 40 scores)",
           hint="your auc still works element by element somewhere (calling auc_loop, .item() or .tolist() "
                "per element, a helper with a loop...): build one broadcast comparison instead.")
