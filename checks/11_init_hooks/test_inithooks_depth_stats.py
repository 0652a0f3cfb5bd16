import math

import torch
from torch import nn

from dlings.testing import expect, expect_close, expect_tensor
from support_11_init_hooks import expect_std

WIDTHS = [96, 300, 128, 400, 160, 256, 100, 320, 140, 200, 180, 240, 120]


def stack(widths):
    layers = []
    for a, b in zip(widths[:-1], widths[1:]):
        layers += [nn.Linear(a, b), nn.ReLU()]
    return nn.Sequential(*layers)


def reference(model, x):
    out, pre, every, per_feature = [], [], [], []
    with torch.no_grad():
        for m in model:
            if isinstance(m, nn.ReLU):
                pre.append(x.std())
            x = m(x)
            every.append(x.std())
            if isinstance(m, nn.ReLU):
                out.append(x.std())
                per_feature.append(x.std(dim=0).mean())
    return torch.stack(out), torch.stack(pre), torch.stack(every), torch.stack(per_feature)


def call(exercise, model, x, what):
    got = exercise.layer_stds(model, x)
    if isinstance(got, (list, tuple)) and got and all(isinstance(v, (float, torch.Tensor)) for v in got):
        got = torch.tensor([float(v) for v in got])
    got = expect_tensor(got, what)
    return got.detach().reshape(-1) if got.dim() == 1 else got


def test_layer_stds_match(exercise):
    for i, widths in enumerate([[64, 80, 48, 96, 32], [40] * 7]):
        torch.manual_seed(i)
        model = stack(widths)
        x = torch.randn(50, widths[0])
        ref, pre, every, per_feature = reference(model, x)
        got = call(exercise, model, x.clone(), f"layer_stds(model, x) for widths {widths}")
        expect_close(got, ref, what=f"layer_stds(model, x) for a stack of widths {widths}", rtol=2e-3, atol=1e-6,
                     check_dtype=False, mistakes={
                         "the std is taken before each ReLU (the Linear output); the exercise asks for after.": pre,
                         "one value per module: record only the outputs of nn.ReLU modules.": every,
                         "this is the mean of per-feature stds (std over dim 0); take x.std() over the whole "
                         "activation.": per_feature,
                     })


def test_kaiming_init_weights(exercise):
    torch.manual_seed(3)
    model = stack(WIDTHS)
    torch.manual_seed(4)
    model.apply(exercise.kaiming_init)
    for idx in (0, 2, 6, 12):
        w = model[idx].weight
        fan_out, fan_in = w.shape
        expect_std(w, math.sqrt(2 / fan_in), f"kaiming_init: the weight of layer {idx} (Linear({fan_in}, {fan_out}))",
                   mistakes={"mode='fan_out': for activations going forward, Kaiming uses fan_in.": math.sqrt(2 / fan_out),
                             "the gain is 1, not sqrt(2): pass nonlinearity='relu'.": math.sqrt(1 / fan_in)})
        # Normal, not uniform: ~4.6 % of a normal draw lies beyond 2 std, none of kaiming_uniform_'s.
        tail = (w.detach().abs() > 2 * math.sqrt(2 / fan_in)).float().mean().item()
        expect(tail > 0.02, f"kaiming_init: the weight of layer {idx} has the right std but only {tail:.2%} of its "
               "values beyond 2 std (a normal draw puts about 4.6 % there): it looks uniform.",
               hint="use nn.init.kaiming_normal_, not kaiming_uniform_.")
        expect_close(model[idx].bias, torch.zeros(fan_out), what=f"kaiming_init: the bias of layer {idx}",
                     hint="zero the bias too: nn.init.zeros_(m.bias).")


def test_kaiming_stable_naive_not(exercise):
    torch.manual_seed(5)
    x = torch.randn(128, WIDTHS[0])
    results = {}
    for name, std in [("Kaiming", None), ("N(0, 1)", 1.0), ("N(0, 0.01)", 0.01)]:
        torch.manual_seed(6)
        model = stack(WIDTHS)
        if std is None:
            model.apply(exercise.kaiming_init)
        else:
            for m in model:
                if isinstance(m, nn.Linear):
                    nn.init.normal_(m.weight, 0.0, std)
                    nn.init.zeros_(m.bias)
        got = call(exercise, model, x, f"layer_stds with a {name} init")
        expect_close(got, reference(model, x)[0], what=f"layer_stds(model, x) with a {name} init", rtol=2e-3,
                     atol=0, check_dtype=False)
        results[name] = got
    k = results["Kaiming"]
    ratio = float(k[-1] / k[0])
    expect(0.25 < ratio < 4, f"with your kaiming_init the activation std drifts through depth: "
           f"first layer {float(k[0]):.3g}, last layer {float(k[-1]):.3g} (ratio {ratio:.3g}).",
           hint="std = sqrt(2 / fan_in) keeps the activations' scale; check mode='fan_in' and nonlinearity='relu'.")
    expect(float(results["N(0, 1)"][-1]) > 1e6 and float(results["N(0, 0.01)"][-1]) < 1e-6,
           "the naive inits should explode (N(0, 1)) and vanish (N(0, 0.01)) through 12 layers, "
           f"but layer_stds gave last values {float(results['N(0, 1)'][-1]):.3g} and "
           f"{float(results['N(0, 0.01)'][-1]):.3g}.")
