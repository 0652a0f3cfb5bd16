import torch

from dlings.testing import expect, expect_close, expect_dtype, expect_shape, expect_tensor, fail

# Each case: under 10 ms. Values are checked against the same seeded eps.


def cases():
    g = torch.Generator().manual_seed(0)
    for shape, dtype in [((4, 3), torch.float32), ((1, 5), torch.float32), ((3, 2, 2), torch.float32),
                         ((6, 4), torch.float64)]:
        mu = torch.randn(shape, generator=g, dtype=dtype)
        logvar = torch.randn(shape, generator=g, dtype=dtype) * 1.5  # negative log-variances too
        yield f"mu, logvar of shape {shape} ({dtype})", mu, logvar


def run(exercise, mu, logvar, seed):
    m = mu.clone().requires_grad_()
    lv = logvar.clone().requires_grad_()
    z = exercise.reparameterize(m, lv, torch.Generator().manual_seed(seed))
    return m, lv, z


def test_values_and_gradients(exercise):
    for desc, mu, logvar in cases():
        what = f"reparameterize(mu, logvar, generator) for {desc}"
        m, lv, z = run(exercise, mu, logvar, 7)
        z = expect_tensor(z, what)
        expect_shape(z, mu.shape, what, hint="z has the shape of mu: one sample per mean.")
        expect_dtype(z, mu.dtype, what, hint="draw eps with dtype=mu.dtype.")
        eps = torch.randn(mu.shape, generator=torch.Generator().manual_seed(7), dtype=mu.dtype)
        std = torch.exp(0.5 * logvar)
        want = mu + std * eps
        expect_close(z.detach(), want, what, mistakes={
            "you used exp(logvar) as the std: that is the variance. std = exp(0.5 * logvar).":
                mu + torch.exp(logvar) * eps,
            "you used logvar itself as the std: it is a log-variance, std = exp(0.5 * logvar).": mu + logvar * eps,
            "you multiplied eps by the variance's log without exp, or by sqrt(exp(logvar)) squared: "
            "std = exp(0.5 * logvar).": mu + logvar.exp().sqrt() ** 2 * eps,
            "you added std without eps (or eps without std): z = mu + std * eps.": mu + std,
            "eps must be standard normal: torch.randn, not torch.rand (uniform).":
                mu + std * torch.rand(mu.shape, generator=torch.Generator().manual_seed(7), dtype=mu.dtype),
        }, hint=("check both parts: std must be torch.exp(0.5 * logvar), and eps must come from the generator you "
                 "were given, torch.randn(mu.shape, generator=generator, dtype=mu.dtype, device=mu.device) "
                 "(randn_like has no generator: it uses the global seed)."))
        expect(z.requires_grad, f"{what} does not require grad: the graph was cut.",
               hint="no .detach(), .item(), .data or torch.no_grad() inside; do not sample with torch.normal.")
        w = torch.linspace(-1, 1, z.numel(), dtype=z.dtype).reshape(z.shape)
        (z * w).sum().backward()
        if m.grad is None:
            fail(f"no gradient reached mu in {what}.", hint="mu must enter z as it is: z = mu + std * eps.")
        if lv.grad is None:
            fail(f"no gradient reached logvar in {what}.",
                 hint="std must be computed from logvar inside the graph (torch.exp(0.5 * logvar)), not detached.")
        expect_close(m.grad, w, f"the gradient of sum(w * z) with respect to mu, {desc}",
                     hint="dz/dmu is 1 everywhere: mu enters z once, unscaled. torch.normal(mu, std) samples "
                          "without a gradient to mu: that is what the trick avoids.")
        expect_close(lv.grad, w * 0.5 * std * eps, f"the gradient of sum(w * z) with respect to logvar, {desc}",
                     mistakes={"the gradient of logvar is w * std * eps: you used exp(logvar) as the std?":
                               w * torch.exp(logvar) * eps},
                     hint="dz/dlogvar is 0.5 * std * eps when std = exp(0.5 * logvar).")


def test_seeded_and_fresh(exercise):
    mu, logvar = torch.zeros(3, 4), torch.zeros(3, 4)
    torch.manual_seed(123)
    _, _, a = run(exercise, mu, logvar, 5)
    torch.manual_seed(456)
    _, _, b = run(exercise, mu, logvar, 5)
    expect_close(a.detach(), b.detach(), "two calls with generators seeded alike (and different global seeds)",
                 hint="eps must come from the generator argument, not the global random state (randn_like / randn "
                      "without generator=).")
    g = torch.Generator().manual_seed(5)
    c = exercise.reparameterize(mu, logvar, g)
    d = exercise.reparameterize(mu, logvar, g)
    expect(not torch.equal(c, d), "two calls with the SAME generator gave the same z: eps must be fresh each call.",
           hint="draw eps from the generator each call (do not re-seed it or reuse a stored eps).")


def test_distribution(exercise):
    # 20000 samples of one (mu, sigma): mean and std within ~4 standard errors.
    mu = torch.tensor([[2.0, -1.0, 0.0]]).expand(20000, 3).contiguous()
    logvar = torch.tensor([[0.0, 2.0, -3.0]]).expand(20000, 3).contiguous()
    z = exercise.reparameterize(mu, logvar, torch.Generator().manual_seed(1)).detach()
    sd = torch.exp(0.5 * logvar[0])
    expect_close(z.mean(0), mu[0], "the mean of 20000 samples z", atol=float(4 * sd.max() / 20000 ** 0.5), rtol=0)
    expect_close(z.std(0), sd, "the std of 20000 samples z (per dim)", rtol=0.03, atol=0,
                 hint="the std of z must be exp(0.5 * logvar): the log-variance halved, then exp.")
