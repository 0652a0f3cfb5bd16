import torch
import torch.nn.functional as F

from dlings.testing import expect, expect_close, expect_not_calling, expect_tensor, fail, forbid_calls
from support_10_layers import torch_names

BANNED = ["torch.nn.functional.batch_norm", "torch.batch_norm", "torch.nn.BatchNorm1d", "torch.nn.BatchNorm2d",
          "torch.nn.functional.layer_norm", "torch.nn.functional.instance_norm", "torch.nn.functional.group_norm",
          "torch.native_batch_norm"]
WHY = "compute the mean and variance yourself, as the docstring describes."


def ref(x, w, b, eps):
    return F.batch_norm(x, None, None, w, b, training=True, eps=eps)


def wrong(x, w, b, eps):
    dims = [0] + list(range(2, x.dim()))
    shape = [1, -1] + [1] * (x.dim() - 2)
    wv, bv = w.view(shape), b.view(shape)
    m = x.mean(dim=dims, keepdim=True)
    v = x.var(dim=dims, keepdim=True, correction=0)
    per_sample = list(range(1, x.dim()))
    return {
        "unbiased variance (n - 1): BatchNorm normalises with the biased one (correction=0 / unbiased=False).":
            (x - m) / torch.sqrt(x.var(dim=dims, keepdim=True) + eps) * wv + bv,
        "eps belongs inside the square root: sqrt(var + eps), not sqrt(var) + eps.":
            (x - m) / (torch.sqrt(v) + eps) * wv + bv,
        "you normalised each sample over its features (that is LayerNorm); BatchNorm normalises each channel "
        "over the batch (dims 0, 2, 3...).":
            (x - x.mean(dim=per_sample, keepdim=True)) / torch.sqrt(x.var(dim=per_sample, keepdim=True, correction=0)
                                                                  + eps) * wv + bv,
        "divided by the standard deviation without eps, or by var instead of sqrt(var + eps).":
            (x - m) / (v + eps) * wv + bv,
    }


def test_matches_torch(exercise):
    g = torch.Generator().manual_seed(0)
    cases = [(torch.randn(4, 3, generator=g, dtype=torch.float64) * 3 + 1, 1e-5),
             (torch.randn(5, 2, 3, 3, generator=g, dtype=torch.float64) * 2 - 1, 1e-5),
             (torch.randn(3, 4, 2, 5, generator=g, dtype=torch.float64).transpose(2, 3), 1e-3),
             (torch.randn(6, 2, generator=g, dtype=torch.float64) * 1e-3, 1e-4)]  # tiny variance: eps matters
    for x, eps in cases:
        c = x.shape[1]
        w = torch.randn(c, generator=g, dtype=torch.float64)
        b = torch.randn(c, generator=g, dtype=torch.float64)
        leaves = [t.clone().requires_grad_() for t in (x, w, b)]
        refs = [t.clone().requires_grad_() for t in (x, w, b)]
        what = f"batch_norm_train(x, weight, bias, eps={eps}) for x of shape {tuple(x.shape)}"
        with forbid_calls(BANNED, why=WHY):
            got = expect_tensor(exercise.batch_norm_train(*leaves, eps=eps), what)
        want = ref(*refs, eps)
        expect_close(got, want, what, mistakes=wrong(x, w, b, eps))
        expect(got.requires_grad, f"{what} does not require grad: the graph was cut.",
               hint="in training the gradient flows through the batch mean and variance too: do not detach them.")
        up = torch.randn(want.shape, generator=g, dtype=torch.float64)
        got.backward(up)
        want.backward(up)
        for name, mine, r in zip(["x", "weight", "bias"], leaves, refs):
            if mine.grad is None:
                fail(f"no gradient reached `{name}` in {what}.")
            expect_close(mine.grad, r.grad, f"the gradient of `{name}` in {what}",
                         hint="detaching mean or var changes the gradient of x: keep them in the graph."
                         if name == "x" else None)


def test_no_builtin(exercise):
    expect_not_calling(exercise.batch_norm_train, torch_names("batch_norm", "BatchNorm1d", "BatchNorm2d", "layer_norm",
                                                               "instance_norm", "group_norm"), why=WHY)
