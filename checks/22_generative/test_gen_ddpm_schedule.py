import torch

from dlings.testing import expect, expect_close, expect_shape, expect_tensor, fail

# Every test: well under 200 ms (the chain test runs 300 steps on 20000 x 2 numbers).


def ref_schedule(T, b0, b1):
    betas = torch.linspace(b0, b1, T)
    alphas = 1 - betas
    return betas, alphas, torch.cumprod(alphas, 0)


def get_schedule(exercise, T, b0, b1):
    what = f"linear_schedule({T}, {b0}, {b1})"
    out = exercise.linear_schedule(T, b0, b1)
    if not isinstance(out, tuple) or len(out) != 3:
        fail(f"{what} should return a tuple (betas, alphas, alpha_bars), but it returned {type(out).__name__}.")
    for name, v in zip(["betas", "alphas", "alpha_bars"], out):
        expect_tensor(v, f"{name} of {what}")
        expect_shape(v, (T,), f"{name} of {what}", hint="one value per step: shape (T,).")
    return what, out


def test_schedule(exercise):
    for T, b0, b1 in [(1000, 1e-4, 0.02), (10, 0.05, 0.3), (1, 0.1, 0.2), (2, 0.1, 0.2)]:
        what, (betas, alphas, alpha_bars) = get_schedule(exercise, T, b0, b1)
        rb, ra, rab = ref_schedule(T, b0, b1)
        k = torch.arange(T)
        expect_close(betas, rb, f"betas of {what}", mistakes={
            "the last beta must be beta_end: evenly spaced with both ends included (torch.linspace(beta_start, "
            "beta_end, T)), not beta_start + (beta_end - beta_start) * arange(T) / T.": b0 + (b1 - b0) * k / T,
        } if T > 1 else None, hint="betas = torch.linspace(beta_start, beta_end, T)" + (
            "; with T = 1 that is [beta_start]." if T == 1 else "."))
        expect_close(alphas, ra, f"alphas of {what}", hint="alphas = 1 - betas.")
        expect_close(alpha_bars, rab, f"alpha_bars of {what}", mistakes={
            "alpha_bars is a cumulative PRODUCT of the alphas (torch.cumprod), not a sum.": torch.cumsum(ra, 0),
            "alpha_bars is the cumulative product of the ALPHAS (1 - beta), not of the betas.": torch.cumprod(rb, 0),
            "alpha_bars[t] includes alphas[t]: alpha_bars[0] = alphas[0], not 1 (no shifted / exclusive product).":
                torch.cat([torch.ones(1), torch.cumprod(ra, 0)[:-1]]),
        }, hint="alpha_bars = torch.cumprod(alphas, dim=0).")
    expect(bool((alpha_bars[1:] <= alpha_bars[:-1]).all()) and bool((alpha_bars > 0).all()),
           "alpha_bars should fall step by step and stay above 0.")


def cases():
    g = torch.Generator().manual_seed(0)
    _, _, ab = ref_schedule(1000, 1e-4, 0.02)
    # (4, 2, 4, 3): B = H = 4, so abar[t].view(-1, 1) broadcasts silently along the wrong dim.
    for shape, t in [((5, 3), [0, 10, 500, 998, 999]), ((4, 2, 4, 3), [999, 0, 250, 700]),
                     ((1, 1, 5, 5), [321]), ((3, 6), [7, 7, 7])]:
        x0 = torch.randn(shape, generator=g)
        noise = torch.randn(shape, generator=g)
        yield shape, x0, torch.tensor(t), ab, noise


def test_q_sample(exercise):
    for shape, x0, t, ab, noise in cases():
        what = f"q_sample(x0, t, alpha_bars, noise) for x0 of shape {shape}, t = {t.tolist()}"
        got = exercise.q_sample(x0.clone(), t.clone(), ab.clone(), noise.clone())
        got = expect_tensor(got, what)
        a = ab[t].view(-1, *([1] * (x0.dim() - 1)))
        want = a.sqrt() * x0 + (1 - a).sqrt() * noise
        wrong = {
            "no square roots: the mean is sqrt(abar) * x0 and the std is sqrt(1 - abar).": a * x0 + (1 - a) * noise,
            "the noise is scaled by 1 - abar (the variance); scale it by sqrt(1 - abar) (the std).":
                a.sqrt() * x0 + (1 - a) * noise,
            "x0 is scaled by abar; scale it by sqrt(abar).": a * x0 + (1 - a).sqrt() * noise,
            "x0 and noise are swapped: sqrt(abar) goes with x0, sqrt(1 - abar) with the noise.":
                a.sqrt() * noise + (1 - a).sqrt() * x0,
        }
        if x0.dim() > 2 and x0.shape[-2] == x0.shape[0]:
            a2 = ab[t].view(-1, 1)
            wrong["alpha_bars[t].view(-1, 1) lines up with the second-to-last dim of a 4-D x0: reshape it to "
                  "(B, 1, 1, 1), one 1 per dim of x0 after the batch."] = a2.sqrt() * x0 + (1 - a2).sqrt() * noise
        expect_close(got, want, what, mistakes=wrong,
                     hint="row b uses alpha_bars[t[b]], reshaped to (B, 1, ..., 1) so it broadcasts over x0's other "
                          "dims; t is 0-based.")


def test_matches_the_chain(exercise):
    # Sampling check: running x_t = sqrt(alpha_t) x_{t-1} + sqrt(beta_t) eps for 300 steps on 20000 copies
    # gives the same mean and variance as q_sample at t = 299 with fresh noise (within ~5 standard errors).
    _, (betas, alphas, alpha_bars) = get_schedule(exercise, 300, 1e-3, 0.03)
    g = torch.Generator().manual_seed(1)
    n, t = 20000, 299
    x0 = torch.tensor([[1.5, -2.0]]).expand(n, 2)
    x = x0.clone()
    rb, ra, _ = ref_schedule(300, 1e-3, 0.03)
    for s in range(t + 1):
        x = ra[s].sqrt() * x + rb[s].sqrt() * torch.randn(n, 2, generator=g)
    got = exercise.q_sample(x0, torch.full((n,), t), alpha_bars, torch.randn(n, 2, generator=g))
    got = expect_tensor(got, "q_sample on 20000 copies of x0 = [1.5, -2.0] at t = 299")
    se = (x.var(0) / n).sqrt()
    expect(bool(((got.mean(0) - x.mean(0)).abs() < 5 * se * 2 ** 0.5).all()),
           f"the mean of q_sample(x0, t=299) over 20000 draws is {got.mean(0).tolist()}, but running the 300 noising "
           f"steps one by one gives {x.mean(0).tolist()}.",
           hint="the mean of q(x_t | x_0) is sqrt(alpha_bars[t]) * x0, with alpha_bars the product of alphas[0..t].")
    expect(bool(((got.var(0) / x.var(0)) - 1).abs().max() < 0.06),
           f"the variance of q_sample(x0, t=299) over 20000 draws is {got.var(0).tolist()}, but running the 300 "
           f"noising steps one by one gives {x.var(0).tolist()}.",
           hint="the variance of q(x_t | x_0) is 1 - alpha_bars[t]: scale the noise by its square root.")
