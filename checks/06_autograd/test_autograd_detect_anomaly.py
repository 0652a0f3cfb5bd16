import warnings

import torch

from dlings.testing import expect, expect_equal

CASES = [
    ("torch.where(t > 0, torch.log(t), 0).sum()",
     lambda t: torch.where(t > 0, torch.log(t), torch.zeros_like(t)).sum(), [0.0, 1.0, -2.0, 3.0]),
    ("torch.sqrt(t ** 2).sum()", lambda t: torch.sqrt(t ** 2).sum(), [0.0, 1.0, -2.0]),
    ("torch.where(t.abs() < 1, torch.acos(t), t).sum()",
     lambda t: torch.where(t.abs() < 1, torch.acos(t), t).sum(), [1.0, 0.5, 3.0]),
    ("(t / t.norm()).sum()", lambda t: (t / t.norm()).sum(), [0.0, 0.0, 0.0]),
    ("(torch.tanh(t) ** 2 + torch.where(t >= 0, t.sqrt(), -t)).sum()",
     lambda t: (torch.tanh(t) ** 2 + torch.where(t >= 0, t.sqrt(), -t)).sum(), [0.0, 2.0, -1.0]),
]


def _reference(f, x):
    x = x.clone().requires_grad_(True)
    try:
        with torch.autograd.detect_anomaly():
            f(x).backward()
    except RuntimeError as error:
        return str(error).split("'")[1], str(error)
    raise AssertionError("check case without NaN")


def test_nan_culprit(exercise):
    warnings.simplefilter("ignore")              # anomaly mode warns on every use (this runs in its own process)
    for text, f, values in CASES:
        x = torch.tensor(values)
        want, message = _reference(f, x)
        got = exercise.nan_culprit(f, x)
        top = type(f(x.clone().requires_grad_(True)).grad_fn).__name__
        expect_equal(got, want, f"nan_culprit(f, x) for f(t) = {text}, x = {values}", mistakes={
            "None came back: without torch.autograd.detect_anomaly() backward runs to the end and just leaves "
            "NaN in x.grad; inside it, backward raises the RuntimeError you need to catch.": None,
            "that is the whole error message: return only the name between the quotes.": message,
            "that is the LAST operation of the forward (the first node backward visits), not the one that "
            "produced NaN: take the name from the anomaly error.": top,
        })
        expect(not torch.is_anomaly_enabled(), "anomaly detection is still on after nan_culprit(...).",
               hint="use the context manager `with torch.autograd.detect_anomaly():` (or switch it off again); "
                    "left on, it slows every later backward pass.")
