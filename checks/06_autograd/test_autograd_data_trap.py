import torch
from torch.func import grad

from dlings.testing import expect, expect_close, expect_tensor


def _out(v, x):
    return torch.tanh(x @ (v / v.norm())).sum()


def test_weight_norm_grad(exercise):
    torch.manual_seed(0)
    for n, d in [(5, 2), (8, 4), (3, 6)]:
        x = torch.randn(n, d)
        v0 = torch.randn(d) * 3
        v = v0.clone().requires_grad_(True)
        got = exercise.weight_norm_grad(v, x)
        what = f"v.grad from weight_norm_grad for v of size {d}, x of shape {(n, d)}"
        expect_tensor(got, what)
        u = v0 / v0.norm()
        g_unit = x.t() @ (1 - torch.tanh(x @ u) ** 2)     # gradient w.r.t. w itself
        expect_close(got, grad(_out)(v0, x), what, rtol=1e-4, atol=1e-5, mistakes={
            "backward never saw the division by ||v||: this is the gradient with respect to the normalised weight "
            "itself. That is what `.data` (or torch.no_grad) does: compute w = v / v.norm() as an ordinary tensor expression.": g_unit,
            "the norm was treated as a constant (detached, .item(), or .data): the gradient misses the part that "
            "flows through ||v||. Use w = v / v.norm() with nothing detached.": g_unit / v0.norm(),
        })
        expect(v.is_leaf and v.requires_grad, "v is no longer a leaf that requires grad after weight_norm_grad.")
        expect_close(v.detach(), v0, f"the caller's v after weight_norm_grad (size {d})",
                     hint="v was overwritten (v.data = ..., or an in-place op). Compute w = v / v.norm() into a NEW "
                          "tensor and use w.")
