import torch
from torch.autograd.functional import hessian as ref_hessian

from dlings.testing import expect, expect_close


def _functions(n):
    g = torch.Generator().manual_seed(n)
    m = torch.randn(n, n, generator=g, dtype=torch.float64)
    a = m @ m.t() + n * torch.eye(n, dtype=torch.float64)          # symmetric positive definite, not diagonal
    b = torch.randn(n, generator=g, dtype=torch.float64)
    c = torch.randn(n + 2, n, generator=g, dtype=torch.float64) * 0.5
    return [
        ("0.5 t.A.t - b.t (a quadratic)", lambda t: 0.5 * t @ a @ t - b @ t),
        ("logsumexp(C @ t) + 0.5 |t|^2", lambda t: torch.logsumexp(c @ t, 0) + 0.5 * (t ** 2).sum()),
        ("sum(cosh(C @ t))", lambda t: torch.cosh(c @ t).sum()),
    ]


def test_newton_step(exercise):
    torch.manual_seed(0)
    for n in (2, 4):
        for text, f in _functions(n):
            x = torch.randn(n, dtype=torch.float64)
            xr = x.clone().requires_grad_(True)
            (g,) = torch.autograd.grad(f(xr), xr)
            h = ref_hessian(f, x)
            want = x - torch.linalg.solve(h, g)
            got = exercise.newton_step(f, x.clone())
            what = f"newton_step(f, x) for f(t) = {text}, x of size {n} (float64)"
            expect_close(got, want, what, rtol=1e-6, atol=1e-8, mistakes={
                "this is a plain gradient step x - g: the Newton step divides by the curvature, x - H^-1 g.": x - g,
                "the step went uphill: x_new = x MINUS H^-1 g.": x + torch.linalg.solve(h, g),
                "H @ g multiplies by the Hessian; the step needs its inverse: torch.linalg.solve(H, g).": x - h @ g,
                "dividing g by the diagonal of H ignores the off-diagonal terms: solve the full system "
                "torch.linalg.solve(H, g).": x - g / h.diagonal(),
            })
            expect(not got.requires_grad, f"{what} returned a tensor that requires grad.",
                   hint="torch.func.grad / hessian need no requires_grad on x: pass x as it is.")


def test_leaves_x_alone(exercise):
    x = torch.tensor([0.5, -1.0, 2.0])
    before = x.clone()
    exercise.newton_step(lambda v: (v ** 4).sum() + (v[0] * v[1]) ** 2, x)
    expect(torch.equal(x, before), "newton_step(f, x) changed the caller's x.",
           hint="x -= ... updates x in place; return x - step, a new tensor.")
