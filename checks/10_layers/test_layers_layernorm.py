import torch
from torch import nn

from dlings.testing import expect, expect_equal, expect_not_calling, expect_parameter_names, forbid_calls
from support_10_layers import torch_names, compare_forward_backward, expect_module

BANNED = ["torch.nn.functional.layer_norm", "torch.nn.LayerNorm", "torch.layer_norm", "torch.native_layer_norm"]
WHY = "compute the mean and variance over the last dims yourself."


def test_parameters(exercise):
    ln = expect_module(exercise.MyLayerNorm((3, 4)), "MyLayerNorm((3, 4))")
    expect_parameter_names(ln, ["weight", "bias"], "MyLayerNorm((3, 4))")
    expect_equal(tuple(ln.weight.shape), (3, 4), "the shape of MyLayerNorm((3, 4)).weight")
    expect(bool((ln.weight == 1).all()) and bool((ln.bias == 0).all()),
           "MyLayerNorm's weight should start at ones and its bias at zeros.")
    plain = expect_module(exercise.MyLayerNorm(5, elementwise_affine=False), "MyLayerNorm(5, elementwise_affine=False)")
    expect_equal(len(list(plain.parameters())), 0, "the number of parameter tensors of MyLayerNorm(5, elementwise_affine=False)",
                 hint="with elementwise_affine=False there is no weight and no bias: set both to None.")


def wrong(x, ref, dims, eps):
    m = x.mean(dim=dims, keepdim=True)
    w = ref.weight.detach() if ref.weight is not None else 1
    b = ref.bias.detach() if ref.bias is not None else 0
    last_m, last_v = x.mean(-1, keepdim=True), x.var(-1, keepdim=True, correction=0)
    return {
        "you normalised over the last dim only; normalized_shape (a tuple) names ALL the last dims to use.":
            (x - last_m) / torch.sqrt(last_v + eps) * w + b,
        "eps belongs inside the square root: sqrt(var + eps).":
            (x - m) / (torch.sqrt(x.var(dim=dims, keepdim=True, correction=0)) + eps) * w + b,
        "unbiased variance (n - 1): LayerNorm uses the biased one (correction=0).":
            (x - m) / torch.sqrt(x.var(dim=dims, keepdim=True) + eps) * w + b,
        "you normalised over the batch (dim 0), which is BatchNorm's job; LayerNorm works per sample.":
            (x - x.mean(0, keepdim=True)) / torch.sqrt(x.var(0, keepdim=True, correction=0) + eps) * w + b,
    }


def test_matches_nn_layernorm(exercise):
    g = torch.Generator().manual_seed(0)
    cases = [((4, 6), 6, 1e-5, True), ((2, 3, 5), (3, 5), 1e-5, True), ((3, 2, 4, 4), (4, 4), 1e-5, True),
             ((5, 8), 8, 1e-2, True), ((2, 5, 3), 3, 1e-3, False)]
    for shape, ns, eps, affine in cases:
        mine = exercise.MyLayerNorm(ns, eps=eps, elementwise_affine=affine)
        ref = nn.LayerNorm(ns, eps=eps, elementwise_affine=affine)
        if affine:
            with torch.no_grad():
                ref.weight.copy_(torch.rand(ref.weight.shape, generator=g) + 0.5)
                ref.bias.copy_(torch.randn(ref.bias.shape, generator=g))
                mine.weight.copy_(ref.weight)
                mine.bias.copy_(ref.bias)
        scale = 0.05 if eps >= 1e-3 else 3.0  # small spread: eps matters
        x = torch.randn(shape, generator=g) * scale + 1
        if len(shape) == 3:
            x = x.transpose(0, 1).contiguous().transpose(0, 1)
        dims = tuple(range(-(1 if isinstance(ns, int) else len(ns)), 0))

        def mine_fn(t):
            with forbid_calls(BANNED, why=WHY):
                return mine(t)

        names = ["weight", "bias"] if affine else []
        compare_forward_backward(mine_fn, ref, x,
                                 f"MyLayerNorm({ns}, eps={eps}, elementwise_affine={affine})(x) for x of shape {shape}",
                                 mine_params={n: getattr(mine, n) for n in names},
                                 ref_params={n: getattr(ref, n) for n in names},
                                 mistakes=wrong(x, ref, dims, eps), rtol=1e-4, atol=1e-4)


def test_same_in_train_and_eval(exercise):
    g = torch.Generator().manual_seed(1)
    ln = exercise.MyLayerNorm(4)
    x = torch.randn(3, 4, generator=g)
    with forbid_calls(BANNED, why=WHY):
        a = ln.train()(x)
        b = ln.eval()(x)
    expect(torch.allclose(a, b), "MyLayerNorm gives different outputs in train and eval mode.",
           hint="LayerNorm has no running statistics: it always uses the statistics of the sample itself.")


def test_no_builtin(exercise):
    expect_not_calling(exercise.MyLayerNorm, torch_names("layer_norm", "LayerNorm"), why=WHY)
