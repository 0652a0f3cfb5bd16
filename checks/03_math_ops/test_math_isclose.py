import torch

from dlings.testing import expect_close, expect_dtype, expect_not_calling, expect_shape, forbid_calls, no_loops

INF, NAN = float("inf"), float("nan")
WHY = "this exercise writes the rule itself; torch.isclose and torch.allclose are what it rebuilds."
BANNED = ["torch.isclose", "torch.allclose", "torch.Tensor.isclose", "torch.Tensor.allclose"]


def _call(exercise, a, b, what, **kw):
    with forbid_calls(BANNED, why=WHY):
        got = exercise.isclose(a.clone(), b.clone(), **kw)
    expect_shape(got, tuple(a.shape), what)
    expect_dtype(got, torch.bool, what, hint="the result of a comparison (<=, ==) is already a bool tensor; "
                                            "return it as it is.")
    return got


def _mistakes(a, b, rtol, atol):
    diff = (a - b).abs()
    return {
        "the tolerance is relative to b, the reference: rtol * |b|, not rtol * |a|.":
            (a == b) | ((diff <= atol + rtol * a.abs()) & torch.isfinite(a) & torch.isfinite(b)),
        "== compares exactly, and rounded floats are rarely exactly equal: compare |a - b| with the tolerance.":
            a == b,
        "atol is missing: near 0 a relative tolerance is almost nothing, so atol + rtol * |b| is needed.":
            (a == b) | ((diff <= rtol * b.abs()) & torch.isfinite(a) & torch.isfinite(b)),
        "inf - inf is NaN, so equal infinities fail the tolerance test: they are close because they are EQUAL "
        "(a == b).": (diff <= atol + rtol * b.abs()) & torch.isfinite(a) & torch.isfinite(b),
        "|1.0 - inf| <= rtol * inf is inf <= inf, True: a finite number must not be close to inf. Only an equal "
        "infinity is (torch.isfinite helps).": (a == b) | (diff <= atol + rtol * b.abs()),
        "the tolerance test alone goes wrong at infinity both ways: inf - inf is NaN (equal infinities come out "
        "False), and |1.0 - inf| <= rtol * inf is inf <= inf (True). Equal values are close (a == b); otherwise "
        "both must be finite (torch.isfinite).": diff <= atol + rtol * b.abs(),
    }


def test_random_values_at_several_scales(exercise):
    g = torch.Generator().manual_seed(0)
    for shape, scale, rtol, atol in [((6, 5), 1.0, 1e-5, 1e-8), ((40,), 1e4, 1e-5, 1e-8), ((3, 2, 4), 1e-7, 1e-5, 1e-8),
                                     ((50,), 1.0, 0.5, 0.0), ((50,), 1e-3, 0.0, 1e-3)]:
        b = torch.randn(shape, generator=g, dtype=torch.float64) * scale
        # a few exact, a few just inside and just outside the tolerance, a few far off
        rel = torch.randn(shape, generator=g, dtype=torch.float64).abs() * 2
        a = b + (atol + rtol * b.abs()) * rel * torch.sign(torch.randn(shape, generator=g, dtype=torch.float64))
        a.view(-1)[::7] = b.view(-1)[::7]
        kw = {} if (rtol, atol) == (1e-5, 1e-8) else {"rtol": rtol, "atol": atol}
        args = ", ".join(f"{k}={v}" for k, v in kw.items())
        what = f"isclose(a, b{', ' + args if args else ''}) for values of size about {scale:g}, shape {shape}"
        got = _call(exercise, a, b, what, **kw)
        expect_close(got, torch.isclose(a, b, rtol=rtol, atol=atol), what, mistakes=_mistakes(a, b, rtol, atol))


def test_rounding_infinities_and_nan(exercise):
    a = torch.tensor([0.1, 1e-9, 1.0, INF, -INF, INF, 1.0, NAN, NAN, 0.0, -0.0], dtype=torch.float64)
    a[0] = a[0] + 0.2
    b = torch.tensor([0.3, 0.0, INF, INF, -INF, -INF, NAN, 1.0, NAN, -0.0, 1e-12], dtype=torch.float64)
    what = ("isclose(a, b) for a = [0.1 + 0.2, 1e-9, 1, inf, -inf, inf, 1, nan, nan, 0, -0], "
            "b = [0.3, 0, inf, inf, -inf, -inf, nan, 1, nan, -0, 1e-12]")
    got = _call(exercise, a, b, what)
    expect_close(got, torch.isclose(a, b), what, mistakes=_mistakes(a, b, 1e-5, 1e-8))
    a32, b32 = a.float(), b.float()
    got = _call(exercise, a32, b32, what.replace("isclose(a, b)", "isclose(a, b) in float32"))
    expect_close(got, torch.isclose(a32, b32), what + " in float32", mistakes=_mistakes(a32, b32, 1e-5, 1e-8))


def test_written_by_hand(exercise):
    expect_not_calling(exercise.isclose, ["isclose", "allclose"], why=WHY)
    no_loops(exercise.isclose, instead="(a - b).abs() <= atol + rtol * b.abs(), combined with == and "
                                       "torch.isfinite for the infinities.")


def test_boundary_counts_as_close(exercise):
    # |a - b| exactly equal to atol + rtol * |b| (all values exact in binary): the rule says <=, so True.
    a = torch.tensor([1.5, 0.25, 2.75, -2.75], dtype=torch.float64)
    b = torch.tensor([1.0, 0.0, 2.0, -2.0], dtype=torch.float64)
    what = "isclose(a, b, rtol=0.25, atol=0.25) for a = [1.5, 0.25, 2.75, -2.75], b = [1, 0, 2, -2] (each |a - b| is exactly atol + rtol * |b|)"
    got = _call(exercise, a, b, what, rtol=0.25, atol=0.25)
    expect_close(got, torch.isclose(a, b, rtol=0.25, atol=0.25), what,
                 hint="a difference exactly at the tolerance counts as close: the rule is |a - b| <= atol + rtol * |b| "
                      "(<=, not <).")
