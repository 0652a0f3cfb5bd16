import torch
import torch.nn.functional as F

from dlings.testing import expect_close, expect_not_calling, expect_shape, expect_tensor, forbid_calls

WHY = "this exercise computes the group statistics itself; F.group_norm does the whole job."
BANNED = ["torch.nn.functional.group_norm", "torch.group_norm"]


def _stats_reference(x, g, weight, bias, eps, dims_from, correction=0):
    """Normalise x viewed as (N, G, C/G, *) over the dims from `dims_from` on (a variant maker for mistakes)."""
    n, c = x.shape[:2]
    v = x.reshape(n, g, c // g, -1)
    dims = tuple(range(dims_from, 4))
    mean = v.mean(dim=dims, keepdim=True)
    var = v.var(dim=dims, correction=correction, keepdim=True)
    y = ((v - mean) / torch.sqrt(var + eps)).reshape(x.shape)
    shape = (1, c) + (1,) * (x.dim() - 2)
    return y * weight.reshape(shape) + bias.reshape(shape)


def mistakes(x, g, weight, bias, eps):
    n, c = x.shape[:2]
    shape = (1, c) + (1,) * (x.dim() - 2)
    out = {
        "the variance should be the biased one (divide by n): var(..., correction=0), or unbiased=False.":
            lambda: _stats_reference(x, g, weight, bias, eps, 2, correction=1),
        "each CHANNEL was normalised on its own (that is InstanceNorm): a group's statistics cover all its C/G "
        "channels and their positions.": lambda: _stats_reference(x, g, weight, bias, eps, 3),
        "eps belongs inside the square root: sqrt(var + eps).": lambda: _eps_outside(x, g, weight, bias, eps),
    }
    if g not in (1, c):
        strided = x.reshape(n, c // g, g, -1).transpose(1, 2)
        mean = strided.mean(dim=(2, 3), keepdim=True)
        var = strided.var(dim=(2, 3), correction=0, keepdim=True)
        y = ((strided - mean) / torch.sqrt(var + eps)).transpose(1, 2).reshape(x.shape)
        out["the groups are CONSECUTIVE channels (0..C/G-1, then the next C/G...): reshape to (N, G, -1), not to "
            "(N, -1, G), which groups every G-th channel."] = y * weight.reshape(shape) + bias.reshape(shape)
    batch = x.reshape(n, g, -1).transpose(0, 1).reshape(g, -1)
    mean = batch.mean(dim=1).reshape(1, g, 1)
    var = batch.var(dim=1, correction=0).reshape(1, g, 1)
    y = ((x.reshape(n, g, -1) - mean) / torch.sqrt(var + eps)).reshape(x.shape)
    out["the statistics mixed the samples of the batch (BatchNorm-like): GroupNorm computes them per sample."] = \
        y * weight.reshape(shape) + bias.reshape(shape)
    return out


def _eps_outside(x, g, weight, bias, eps):
    n, c = x.shape[:2]
    v = x.reshape(n, g, -1)
    y = ((v - v.mean(-1, keepdim=True)) / (v.var(-1, correction=0, keepdim=True).sqrt() + eps)).reshape(x.shape)
    shape = (1, c) + (1,) * (x.dim() - 2)
    return y * weight.reshape(shape) + bias.reshape(shape)


def test_matches_group_norm(exercise):
    g_ = torch.Generator().manual_seed(0)
    for shape, groups, eps in [((4, 6, 5, 5), 3, 1e-5), ((2, 8, 7), 4, 1e-5), ((3, 4), 2, 1e-5), ((1, 6, 3, 3), 2, 0.5),
                               ((2, 4, 3, 2), 1, 1e-5), ((2, 4, 3, 2), 4, 1e-5), ((2, 6, 2, 2, 2), 3, 1e-5)]:
        c = shape[1]
        x = torch.randn(shape, generator=g_) * 3 + torch.arange(c).reshape((1, c) + (1,) * (len(shape) - 2))
        weight = torch.rand(c, generator=g_) + 0.5
        bias = torch.randn(c, generator=g_)
        what = f"group_norm(x, {groups}, weight, bias{'' if eps == 1e-5 else f', eps={eps}'}) for x of shape {shape}"
        with forbid_calls(BANNED, why=WHY):
            got = expect_tensor(exercise.group_norm(x.clone(), groups, weight, bias, eps=eps), what)
        expect_shape(got, shape, what)
        want = F.group_norm(x, groups, weight, bias, eps)
        expect_close(got, want, what, atol=1e-4, rtol=1e-4, mistakes=mistakes(x, groups, weight, bias, eps))


def test_float64_and_gradients(exercise):
    g_ = torch.Generator().manual_seed(1)
    x = torch.randn(2, 6, 4, dtype=torch.float64, generator=g_).requires_grad_()
    weight = (torch.rand(6, dtype=torch.float64, generator=g_) + 0.5).requires_grad_()
    bias = torch.randn(6, dtype=torch.float64, generator=g_).requires_grad_()
    what = "group_norm(x, 3, weight, bias) for float64 x of shape (2, 6, 4)"
    with forbid_calls(BANNED, why=WHY):
        got = expect_tensor(exercise.group_norm(x, 3, weight, bias), what)
    want = F.group_norm(x, 3, weight, bias)
    expect_close(got, want, what, rtol=1e-9, atol=1e-9)
    up = torch.randn(2, 6, 4, dtype=torch.float64, generator=g_)
    grads = torch.autograd.grad((got * up).sum(), [x, weight, bias])
    want_grads = torch.autograd.grad((want * up).sum(), [x, weight, bias])
    for name, a, b in zip(["x", "weight", "bias"], grads, want_grads):
        expect_close(a, b, f"the gradient for {name} through {what}", rtol=1e-7, atol=1e-9)


def test_does_not_call_group_norm(exercise):
    expect_not_calling(exercise.group_norm, ["group_norm", "GroupNorm"], why=WHY)
