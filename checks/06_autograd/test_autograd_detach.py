import torch

from dlings.testing import expect_close, expect_tensor


def test_td_grad(exercise):
    torch.manual_seed(0)
    for n, d, gamma in [(4, 3, 0.9), (7, 2, 0.5), (1, 5, 0.99)]:
        s, s_next, r = torch.randn(n, d), torch.randn(n, d), torch.randn(n)
        w = torch.randn(d, requires_grad=True)
        got = exercise.td_grad(w, s, s_next, r, gamma)
        what = f"td_grad for {n} transitions of size {d}, gamma={gamma}"
        expect_tensor(got, what, hint="no gradient reached w: did you detach q (or w) as well?")
        wd = w.detach()
        err = s @ wd - (r + gamma * (s_next @ wd))
        want = 2 * s.t() @ err / n
        expect_close(got, want, what, rtol=1e-5, atol=1e-6, mistakes={
            "the gradient also flowed through the target (s_next @ w): detach the whole target, "
            "target = (r + gamma * (s_next @ w)).detach().": 2 * (s - gamma * s_next).t() @ err / n,
            "only the target's path got a gradient: you detached the prediction q instead of the target.":
                -2 * gamma * s_next.t() @ err / n,
        })
