import copy

import torch
from torch import nn

from dlings.testing import expect, expect_close, expect_dtype, expect_tensor


def make(in_f, out_f, bias, seed):
    torch.manual_seed(seed)
    lin = nn.Linear(in_f, out_f, bias=bias)
    bn = nn.BatchNorm1d(out_f, eps=1e-3, momentum=0.5)
    with torch.no_grad():
        bn.weight.copy_(torch.rand(out_f) + 0.5)
        bn.bias.copy_(torch.randn(out_f))
        bn.train()
        for _ in range(4):
            bn(lin(torch.randn(32, in_f) * 2 + 1))
    bn.eval()
    return lin, bn


def test_fold_matches_eval_batchnorm(exercise):
    for in_f, out_f, bias, seed in [(4, 3, True, 0), (6, 6, True, 1), (3, 5, False, 2)]:
        lin, bn = make(in_f, out_f, bias, seed)
        lin0, bn0 = copy.deepcopy(lin), copy.deepcopy(bn)
        what = f"fold(nn.Linear({in_f}, {out_f}, bias={bias}), bn)"
        folded = exercise.fold(lin, bn)
        expect(isinstance(folded, nn.Linear), f"{what} should return an nn.Linear, not {type(folded).__name__}.",
               hint="return the `folded` layer after filling its weight and bias.")
        x = torch.randn(7, in_f, generator=torch.Generator().manual_seed(seed))
        with torch.no_grad():
            want = bn0(lin0(x))
            got = expect_tensor(folded(x), f"{what}(x)")
            scale = bn0.weight / torch.sqrt(bn0.running_var + bn0.eps)
            b = lin0.bias if bias else torch.zeros(out_f)
            no_eps = bn0.weight / torch.sqrt(bn0.running_var)
            mistakes = {
                "the weight must be scaled row by row (output feature i by scale[i]): scale[:, None], not scale[None, :].":
                    x @ (lin0.weight * scale).T + (b - bn0.running_mean) * scale + bn0.bias
                    if in_f == out_f else torch.zeros(0),
                "the running mean must be subtracted before scaling: (bias - running_mean) * scale + bn.bias.":
                    x @ (lin0.weight * scale[:, None]).T + b * scale + bn0.bias,
                "(bias - running_mean) is scaled too: (b - mean) * scale + bn.bias, not (b - mean) + bn.bias.":
                    x @ (lin0.weight * scale[:, None]).T + (b - bn0.running_mean) + bn0.bias,
                "eps is missing: divide by sqrt(running_var + bn.eps).":
                    x @ (lin0.weight * no_eps[:, None]).T + (b - bn0.running_mean) * no_eps + bn0.bias,
            }
        expect_close(got, want, f"{what}(x) compared with bn(linear(x)) in eval mode", rtol=1e-4, atol=1e-5,
                     mistakes=mistakes,
                     hint="fill folded.weight and folded.bias with .copy_(...): rows of linear.weight times scale, "
                          "and (b - running_mean) * scale + bn.bias.")
        for name, a, b0 in [("linear", lin, lin0), ("bn", bn, bn0)]:
            for key, v in a.state_dict().items():
                expect(torch.equal(v, b0.state_dict()[key]), f"fold() changed {name}.{key}.",
                       hint="write only into folded.weight / folded.bias; compute new tensors instead of in-place ops "
                            "on the originals.")


def test_fold_keeps_dtype(exercise):
    lin, bn = make(4, 3, False, 3)
    lin, bn = lin.double(), bn.double()
    what = "fold(nn.Linear(4, 3, bias=False).double(), bn.double())"
    folded = exercise.fold(lin, bn)
    expect(isinstance(folded, nn.Linear), f"{what} should return an nn.Linear, not {type(folded).__name__}.")
    expect_dtype(folded.weight, torch.float64, f"{what}.weight",
                 hint="nn.Linear(...) makes float32 parameters unless told otherwise: pass dtype=linear.weight.dtype "
                      "and device=linear.weight.device.")
    x = torch.randn(5, 4, dtype=torch.float64, generator=torch.Generator().manual_seed(3))
    with torch.no_grad():
        expect_close(folded(x), bn(lin(x)), f"{what}(x) compared with bn(linear(x)) in eval mode", rtol=1e-9,
                     atol=1e-10, hint="a zero bias made with torch.zeros(...) is float32: "
                                      "linear.weight.new_zeros(out_features) keeps float64.")


def test_leaves_bn_mode_and_stats_alone(exercise):
    # fold must not switch the caller's bn to eval (or run it): its mode and running statistics stay as they were.
    lin, bn = make(5, 4, True, 11)
    bn.train()
    before = {k: v.clone() for k, v in bn.state_dict().items()}
    with torch.no_grad():
        want_bn = copy.deepcopy(bn).eval()
        x = torch.randn(6, 5)
        want = want_bn(lin(x))
    folded = exercise.fold(lin, bn)
    expect(bn.training, "fold(linear, bn) switched bn to eval mode (bn.training is now False); the caller's bn was "
                        "in training mode and must stay so.",
           hint="read bn.running_mean, bn.running_var, bn.weight, bn.bias and bn.eps directly; do not call bn.eval() "
                "or run bn (the eval formula is the one in the docstring).")
    for k, v in bn.state_dict().items():
        expect_close(v, before[k], f"bn.state_dict()[{k!r}] after fold(linear, bn)")
    expect_close(folded(x), want, "fold(linear, bn)(x) compared with bn's eval-mode output", rtol=1e-4, atol=1e-5)
