import torch

from dlings.testing import expect, expect_close, expect_shape, expect_tensor, fail

T = 20
BETAS = torch.linspace(1e-4, 0.2, T)


def ref_step(x, t, eps, betas, noise, *, last_noise=False):
    alphas = 1 - betas
    abar = torch.cumprod(alphas, 0)
    mean = (x - betas[t] / torch.sqrt(1 - abar[t]) * eps) / torch.sqrt(alphas[t])
    return mean if t == 0 and not last_noise else mean + torch.sqrt(betas[t]) * noise


def test_one_step(exercise):
    torch.manual_seed(0)
    betas = BETAS.clone()
    alphas, abar = 1 - betas, torch.cumprod(1 - betas, 0)
    for t, shape in [(T - 1, (4, 1, 3, 3)), (7, (2, 5)), (1, (3, 2)), (0, (4, 1, 3, 3)), (0, (1, 2))]:
        x, eps, noise = torch.randn(shape), torch.randn(shape), torch.randn(shape)
        what = f"ddpm_step(x_t, t={t}, eps, betas, noise) for x_t of shape {shape}"
        got = expect_tensor(exercise.ddpm_step(x.clone(), t, eps.clone(), betas.clone(), noise.clone()), what)
        want = ref_step(x, t, eps, betas, noise)
        expect_shape(got, shape, what)

        def variant(denom=None, level=None, sigma=None, last_noise=False, x=x, t=t, eps=eps, noise=noise):
            denom = alphas[t] if denom is None else denom
            level = abar[t] if level is None else level
            sigma = torch.sqrt(betas[t]) if sigma is None else sigma
            mean = (x - betas[t] / torch.sqrt(1 - level) * eps) / torch.sqrt(denom)
            return mean if t == 0 and not last_noise else mean + sigma * noise

        expect_close(got, want, what, atol=1e-5, mistakes={
            "at t = 0 no noise is added: the last step returns the mean itself.":
                variant(last_noise=True) if t == 0 else None,
            "no noise was added: for t > 0, x_{t-1} = mean + sqrt(betas[t]) * noise.":
                variant(sigma=torch.tensor(0.0)) if t > 0 else None,
            "the noise is scaled by sqrt(betas[t]), its standard deviation, not by betas[t].":
                variant(sigma=betas[t]) if t > 0 else None,
            "the mean divides by sqrt(alphas[t]) (this step's alpha), not by sqrt(alpha_bars[t]).":
                variant(denom=abar[t]) if t > 0 else None,
            "eps is scaled by betas[t] / sqrt(1 - alpha_bars[t]): the noise in x_t has built up over all steps so "
            "far, so it is 1 - alpha_bars[t], not 1 - alphas[t].": variant(level=alphas[t]) if t > 0 else None,
        })


class Recorder:
    def __init__(self, fn):
        self.fn, self.steps = fn, []

    def __call__(self, x, t):
        self.steps.append(t)
        return self.fn(x, t)


def test_sampling_loop(exercise):
    shape = (3, 2, 2)
    model = Recorder(lambda x, t: 0.3 * x + 0.02 * t.view(-1, 1, 1).float())
    what = f"sample(model, {shape}, betas, generator) with T = {T}"
    given = torch.Generator().manual_seed(3)
    got = expect_tensor(exercise.sample(model, shape, BETAS.clone(), given), what)
    steps = model.steps
    expect(len(steps) == T, f"{what} called the model {len(steps)} time(s); expected {T}, one per step.",
           hint="for t in reversed(range(T)): one model call and one ddpm_step each.")
    for k, t in enumerate(steps):
        want_t = T - 1 - k
        if not isinstance(t, torch.Tensor) or t.shape != (shape[0],) or t.dtype != torch.int64:
            fail(f"call {k + 1} of the model got t = {t!r:.80}; expected an int64 tensor of shape ({shape[0]},), every "
                 f"entry {want_t}.", hint="model(x, torch.full((B,), t)): one step number per image.")
        if not bool((t == want_t).all()):
            fail(f"call {k + 1} of the model got step {t.tolist()}; expected {want_t} (the steps run from T-1 = "
                 f"{T - 1} DOWN to 0).", hint="for t in reversed(range(T)): start at the noisiest step.")
    g = torch.Generator().manual_seed(3)
    x = torch.randn(shape, generator=g)
    g2 = torch.Generator().manual_seed(3)
    x2 = torch.randn(shape, generator=g2)
    for t in reversed(range(T)):
        noise = torch.randn(shape, generator=g) if t > 0 else torch.zeros(shape)
        x = ref_step(x, t, model.fn(x, torch.full((shape[0],), t)), BETAS, noise)
        x2 = ref_step(x2, t, model.fn(x2, torch.full((shape[0],), t)), BETAS, torch.randn(shape, generator=g2),
                      last_noise=True)
    expect_shape(got, shape, what)
    expect_close(got, x, what, atol=1e-4, mistakes={
        "noise was drawn (and added) at the last step too: at t = 0 the step returns the mean, and no noise is "
        "drawn from the generator.": x2,
    }, hint="draw in this order from the generator: x = torch.randn(shape) first, then one torch.randn(shape) per "
            "step with t > 0, just before that step.")
    # The generator's state after sampling: exactly 1 + (T - 1) draws of `shape` (none at t = 0).
    expect(torch.equal(given.get_state(), g.get_state()),
           f"After {what}, the generator is not where 1 + (T - 1) = {T} draws of shape {shape} leave it "
           "(the result is right, so the draws after the last one used differ).",
           hint="draw the step's noise only when t > 0: at t = 0 ddpm_step does not use it, and drawing it anyway "
                "consumes the generator that the caller goes on using.")


def test_perfect_denoiser_lands_on_the_data(exercise):
    # when all the data is one point x0, the best noise guess is known: eps = (x_t - sqrt(abar) x0) / sqrt(1 - abar),
    # and the last step returns x0 exactly, whatever the noise
    betas = torch.linspace(1e-4, 0.02, 200)
    abar = torch.cumprod(1 - betas, 0)
    target = torch.tensor([0.5, -1.0, 2.0])

    def perfect(x, t):
        a = abar[t].view(-1, 1)
        return (x - a.sqrt() * target) / (1 - a).sqrt()

    what = "sample(perfect_model, (4, 3), betas, generator) for data that is always [0.5, -1, 2]"
    got = expect_tensor(exercise.sample(perfect, (4, 3), betas, torch.Generator().manual_seed(0)), what)
    expect_close(got, target.expand(4, 3), what, atol=2e-3,
                 hint="the last step (t = 0) must return the mean without noise: with a perfect noise guess that "
                      "mean is the data point itself.")
