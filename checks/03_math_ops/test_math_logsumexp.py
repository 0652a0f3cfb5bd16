import torch

from dlings.testing import calls_in, expect_close, expect_not_calling, fail, forbid_calls
from support_03_math_ops import SOFTMAX_FAMILY, SOFTMAX_NAMES, call, stability_inputs

WHY = "build it from max, exp, sum and log."
NAIVE = ("exp() of numbers near 1000 is inf (log(inf) = inf), and near -1000 it is 0 (log(0) = -inf). "
         "Take the max m along dim out first: m + log(sum(exp(x - m))).")


def _cases():
    yield from stability_inputs()
    x = torch.tensor([[0.0, -200.0, 1.0], [5.0, 5.0, -300.0]])
    yield "x = [[0, -200, 1], [5, 5, -300]], dim=1", x, 1


def test_logsumexp(exercise):
    for label, x, dim in _cases():
        ref = torch.logsumexp(x.double(), dim=dim).float()
        with forbid_calls(SOFTMAX_FAMILY, why=WHY):
            got = call(exercise.logsumexp, x, dim)
        m = x.amax(dim=dim, keepdim=True)
        hint = None
        if isinstance(got, torch.Tensor) and not bool(torch.isfinite(got).all()):
            hint = NAIVE
            if torch.allclose(got, x.max() + (x - x.max()).exp().sum(dim).log(), equal_nan=True):
                hint = ("you took the max of the WHOLE tensor: a slice far below it (near -1000) turns into "
                        "exp(-2000) = 0 and log(0) = -inf. Use each slice's own max (amax along dim, keepdim=True).")
        expect_close(
            got, ref, what=f"logsumexp(x, dim) for {label}", rtol=1e-5, atol=1e-5, hint=hint,
            mistakes={
                "the max m was subtracted but never added back: the result is m + log(sum(exp(x - m))).":
                    lambda: (x - m).exp().sum(dim).log(),
                "keep `dim` out of the result: logsumexp removes it (squeeze it, or use keepdim=False at the end).":
                    lambda: torch.logsumexp(x, dim=dim, keepdim=True),
                "that is the plain max (or the sum); logsumexp is m + log(sum(exp(x - m))).":
                    lambda: x.amax(dim=dim),
            },
        )


def test_log_softmax(exercise):
    for label, x, dim in _cases():
        ref = torch.log_softmax(x.double(), dim=dim).float()
        with forbid_calls(SOFTMAX_FAMILY, why=WHY):
            got = call(exercise.log_softmax, x, dim)
        hint = None
        if isinstance(got, torch.Tensor) and got.shape == x.shape and bool(torch.isneginf(got).any()) and \
                torch.allclose(got, torch.softmax(x, dim=dim).log(), equal_nan=True):
            hint = ("-inf: a probability like exp(-200) rounds to 0 in float32 and log(0) = -inf. Do not take the "
                    "log of a softmax; subtract the logsumexp from x instead.")
        elif isinstance(got, torch.Tensor) and not bool(torch.isfinite(got).all()):
            hint = NAIVE
        expect_close(
            got, ref, what=f"log_softmax(x, dim) for {label}", rtol=1e-5, atol=5e-4, hint=hint,  # see the docstring
            mistakes={
                "the logsumexp was subtracted along the wrong dim: it must be unsqueezed back at `dim` "
                "(or computed with keepdim=True) to line up.":
                    lambda: x - torch.logsumexp(x, dim=dim) if x.dim() == 2 and x.shape[0] == x.shape[1] else None,
                "that is the softmax itself; take it into log space: x - logsumexp(x).":
                    lambda: torch.softmax(x, dim=dim),
            },
        )


def test_no_builtins(exercise):
    expect_not_calling(exercise.logsumexp, SOFTMAX_NAMES, why=WHY)
    # log_softmax may (should) call the learner's own logsumexp; only torch's versions are banned.
    expect_not_calling(exercise.log_softmax, [n for n in SOFTMAX_NAMES if n != "logsumexp"], why=WHY)
    for name in calls_in(exercise.log_softmax):
        if name.endswith(".logsumexp"):
            fail(f"log_softmax uses `{name}`, which this exercise asks you not to use.",
                 hint="call your own logsumexp(x, dim) from above.")


def test_leaves_x_alone_log_softmax(exercise):
    x = torch.randn(3, 5, generator=torch.Generator().manual_seed(7)) * 10
    before = x.clone()
    exercise.log_softmax(x, 1)
    if not torch.equal(x, before):
        fail("log_softmax(x, 1) changed the caller's x.",
             hint="an in-place op (x.sub_, x -= ..., .exp_()) overwrites the caller's tensor; write x - m, "
                  "torch.exp(...), which return new tensors.")
