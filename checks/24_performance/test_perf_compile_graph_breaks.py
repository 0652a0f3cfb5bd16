"""Values: scaled_clip called directly against the check's own copy of scaled_clip_slow. Capture:
torch.compile(scaled_clip, fullgraph=True) with a backend that only counts the graphs it is given
and runs them as they are (no C++ compiler needed; tracing takes 1-3 s on the loaded CI machine):
one graph, no break, the same values.
"""
import torch

from dlings.testing import expect, expect_close, fail


def slow(x, limit):
    peak = x.abs().max().item()
    return x * (limit / peak) if peak > limit else x


CASES = [  # (description, x, limit)
    ("x of shape (3, 4) with values up to about 8, limit 2.0", torch.randn(3, 4, generator=torch.Generator().manual_seed(0)) * 4, 2.0),
    ("x of shape (6,) with values under 0.3, limit 2.0 (already within the limit)", torch.randn(6, generator=torch.Generator().manual_seed(1)) * 0.1, 2.0),
    ("x of shape (2, 3, 5), limit 0.5", torch.randn(2, 3, 5, generator=torch.Generator().manual_seed(2)), 0.5),
    ("x = [-3.0] of shape (1,), limit 1.5", torch.tensor([-3.0]), 1.5),
    ("x = [1.0, -2.0, 0.5], limit 2.0 (the largest magnitude equals the limit)", torch.tensor([1.0, -2.0, 0.5]), 2.0),
    ("x all zeros, shape (4,), limit 1.0", torch.zeros(4), 1.0),
]


def _mistakes(x, limit):
    peak = x.abs().max()
    return {
        "x was divided by its largest value even though it was within the limit: scale only when the largest "
        "|x| is above limit (a scale of min(1, limit / peak)).": x * (limit / peak),
        "each value was clamped to [-limit, limit] on its own; the whole tensor should be scaled by one factor, "
        "keeping the ratios between values.": x.clamp(-limit, limit),
    }


def test_values(exercise):
    for label, x, limit in CASES:
        what = f"scaled_clip(x, {limit}) for {label}"
        got = exercise.scaled_clip(x.clone(), limit)
        if got is None:
            fail(f"{what} returned None.", hint="finish the TODO and `return` the result.")
        expected = slow(x, limit)
        if isinstance(got, torch.Tensor) and got.shape == x.shape and torch.isnan(got).any() and not x.any():
            fail(f"{what} returned nan.", hint="0 / 0 is nan: for an all-zero x the scale must stay 1 (limit / 0 is "
                                               "inf, and clamping it to at most 1 gives 1).")
        expect_close(got, expected, what=what, rtol=1e-5, atol=1e-7, mistakes=_mistakes(x, limit))


def test_one_graph(exercise):
    graphs = []

    def counting_backend(gm, example_inputs):
        graphs.append(gm)
        return gm.forward

    torch._dynamo.reset()
    compiled = torch.compile(exercise.scaled_clip, backend=counting_backend, fullgraph=True)
    x = CASES[0][1].clone()
    what = "torch.compile(scaled_clip, fullgraph=True)(x, 2.0)"
    try:
        got = compiled(x, 2.0)
    except Exception as exc:  # noqa: BLE001 - a graph break is reported to the learner
        first = next((line for line in str(exc).splitlines() if line.strip()), type(exc).__name__)
        fail(f"{what} raised {type(exc).__name__}: {first[:300]}",
             hint="that is a graph break: Python decides something from a tensor's value (`if peak > limit:`, "
                  "with or without .item()), or prints or lists a tensor. Compute the scale as a tensor, e.g. with "
                  ".clamp(max=1.0), and always multiply by it.")
    finally:
        torch._dynamo.reset()
    expect(len(graphs) == 1, f"{what} was captured as {len(graphs)} graphs; one is expected.")
    expect_close(got, slow(CASES[0][1], 2.0), what=f"the result of {what}", rtol=1e-5, atol=1e-7)
