import copy
import math

import torch
import torch.nn.functional as F
from torch import nn

from dlings.testing import expect, expect_close, fail

# Both tests: under 100 ms. The learner's step and a reference step run on identical copies of
# tiny MLPs (2-D data, 2-D noise); the parameters after 3 steps must agree.


def bce(logits, target):
    return F.binary_cross_entropy_with_logits(logits, torch.full_like(logits, float(target)))


def ref_step(G, D, opt_g, opt_d, real, z):
    fake = G(z)
    d_loss = bce(D(real), 1) + bce(D(fake.detach()), 0)
    opt_d.zero_grad()
    d_loss.backward()
    opt_d.step()
    g_loss = bce(D(fake), 1)
    opt_g.zero_grad()
    g_loss.backward()
    opt_g.step()
    return d_loss.item(), g_loss.item()


def make(seed):
    torch.manual_seed(seed)
    G = nn.Sequential(nn.Linear(2, 8), nn.ReLU(), nn.Linear(8, 2))
    D = nn.Sequential(nn.Linear(2, 8), nn.LeakyReLU(0.2), nn.Linear(8, 1))
    return G, D


def optimizers(G, D):
    # Different kinds and momentum, so a step taken by the wrong optimizer, or on stale grads, shows.
    return torch.optim.Adam(G.parameters(), lr=0.01), torch.optim.SGD(D.parameters(), lr=0.2, momentum=0.5)


def stale_grads(model, seed):
    """What a previous generator step leaves in .grad: a step that skips zero_grad would use it."""
    g = torch.Generator().manual_seed(seed)
    for p in model.parameters():
        p.grad = torch.randn(p.shape, generator=g)


def test_step_matches_reference(exercise):
    G, D = make(0)
    rG, rD = copy.deepcopy(G), copy.deepcopy(D)
    opt_g, opt_d = optimizers(G, D)
    r_opt_g, r_opt_d = optimizers(rG, rD)
    g = torch.Generator().manual_seed(1)
    for model, seed in [(G, 5), (D, 6), (rG, 5), (rD, 6)]:
        stale_grads(model, seed)
    g_calls = []
    for p in G.parameters():
        p.register_hook(lambda grad: g_calls.append(1))
    for step in range(3):
        real = torch.randn(16, 2, generator=g) * 0.3 + torch.tensor([2.0, -1.0])
        z = torch.randn(16, 2, generator=g)
        want = ref_step(rG, rD, r_opt_g, r_opt_d, real, z)
        n_before = len(g_calls)
        got = exercise.gan_step(G, D, opt_g, opt_d, real.clone(), z.clone())
        what = f"gan_step(...) at step {step + 1}"
        if not isinstance(got, tuple) or len(got) != 2:
            fail(f"{what} should return (d_loss, g_loss), but it returned {got!r}.")
        tensors = [i for i, v in enumerate(got) if isinstance(v, torch.Tensor)]
        if tensors:
            fail(f"{what} returned {'d_loss' if tensors == [0] else 'g_loss' if tensors == [1] else 'both losses'} "
                 "as a tensor; the docstring asks for Python floats.",
                 hint="return d_loss.item(), g_loss.item(): a float holds no tensor (and no graph) that a training "
                      "loop would keep alive when it stores the losses.")
        try:
            got = tuple(float(v) for v in got)
        except (TypeError, ValueError, RuntimeError):
            fail(f"{what} should return two numbers (d_loss.item(), g_loss.item()), but it returned {got!r}.")
        backwards = (len(g_calls) - n_before) // len(list(G.parameters()))
        expect(backwards == 1, f"{what}: gradients reached the generator's parameters in {backwards} backward passes; "
               "exactly 1 (the generator's own) is expected.",
               hint=("the discriminator's loss backpropagated into G: use D(fake.detach()) in d_loss."
                     if backwards > 1 else "g_loss must reach G: compute it from D(fake) with fake = G(z) (not detached), "
                     "then g_loss.backward()."))
        if not math.isclose(got[0], want[0], rel_tol=1e-4, abs_tol=1e-5):
            fail(f"{what} returned d_loss = {got[0]:.6f}; expected {want[0]:.6f}.",
                 hint="d_loss = BCE-with-logits(D(real), ones) + BCE-with-logits(D(fake.detach()), zeros): the SUM "
                      "of two means, real labelled 1 and fake 0, computed before D's step; and the discriminator "
                      "steps FIRST, before the generator changes.")
        for name, p in D.named_parameters():
            expect_close(p.detach(), dict(rD.named_parameters())[name].detach(),
                         f"the discriminator's {name} after {what}",
                         hint="D must change only by its own step: zero D's grads before d_loss.backward() (the "
                              "previous generator step left grads in D), and never call opt_d.step() after "
                              "g_loss.backward() (that would train D to help the generator).")
        if not math.isclose(got[1], want[1], rel_tol=1e-4, abs_tol=1e-5):
            fail(f"{what} returned g_loss = {got[1]:.6f}; expected {want[1]:.6f}.",
                 hint="g_loss = BCE-with-logits(D(fake), ones) (fake labelled REAL: the non-saturating loss), "
                      "computed with the discriminator AFTER its step, then G's step.")
        for name, p in G.named_parameters():
            expect_close(p.detach(), dict(rG.named_parameters())[name].detach(),
                         f"the generator's {name} after {what}",
                         hint="G must change by one opt_g.step() on g_loss alone: zero G's grads just before "
                              "g_loss.backward(), and step opt_g once.")
