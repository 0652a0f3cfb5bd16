import torch
from torch.func import grad, vmap

from dlings.testing import expect, expect_close, expect_grad, expect_tensor


def _score(w, x_row):
    return torch.tanh(x_row @ w).sum()


def _input_grads(w, x):
    return vmap(grad(_score, argnums=1), in_dims=(None, 0))(w, x)


def _penalty(w, x):
    g = _input_grads(w, x)
    return ((torch.linalg.vector_norm(g, dim=1) - 1) ** 2).mean()


def test_gradient_penalty(exercise):
    torch.manual_seed(0)
    for n, d, k in [(8, 3, 4), (5, 6, 2), (1, 4, 3)]:
        w0, x = torch.randn(d, k) * 0.7, torch.randn(n, d)
        w = w0.clone().requires_grad_(True)
        what = f"gradient_penalty(w, x) for x of shape {(n, d)}, w of shape {(d, k)}"
        gp = expect_tensor(exercise.gradient_penalty(w, x), what)
        g = _input_grads(w0, x)
        expect_close(gp.detach(), _penalty(w0, x), what, rtol=1e-5, atol=1e-6, mistakes={
            "the norm was taken over the whole batch's gradient at once: take one norm per sample "
            "(dim=1), then the mean.": (g.norm() - 1) ** 2,
            "the norm went over dim 0 (across samples): each sample's gradient is a row, so use dim=1.":
                ((g.norm(dim=0) - 1) ** 2).mean(),
            "that used the squared norm (sum of squares): the penalty uses the norm itself, ||g_n||.":
                (((g ** 2).sum(dim=1) - 1) ** 2).mean(),
        })
        expect(w.grad is None, f"{what} filled w.grad: backward was called inside it.",
               hint="get the input gradients with torch.autograd.grad(..., create_graph=True), which touches no "
                    ".grad, and let the training step call backward on the penalty.")
        expect(gp.dim() == 0, f"{what} should be a scalar, not shape {tuple(gp.shape)}.")
        expect(gp.requires_grad, f"{what} does not require grad: backward cannot reach w through it.",
               hint="the input gradients were computed without create_graph=True, so they are constants to "
                    "autograd. Pass create_graph=True.")
        gp.backward()
        expect_grad(w, grad(_penalty)(w0, x), f"w.grad after gradient_penalty(w, x).backward() ({(n, d)} input)",
                    rtol=1e-4, atol=1e-6)
