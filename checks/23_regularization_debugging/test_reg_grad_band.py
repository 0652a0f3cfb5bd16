import torch
import torch.nn.functional as F
from torch import nn

from dlings.testing import expect, expect_equal, fail

# Measured with ReLU + Kaiming (the reference): max/min weight-grad-norm ratio 4-12 for depths 8-24 over
# seeds 0-2, every norm in [1e-2, 2e1]. Tanh + Xavier (gain 5/3) also stays inside (ratio about 10).
# ReLU with the default init: ratio 2e3 at depth 12, 1e8 at 24; Sigmoid + Kaiming: 1e7 at 12.
BAND, MAX_RATIO = (1e-3, 1e3), 30.0


def linears(model):
    return [m for m in model.modules() if isinstance(m, nn.Linear)]


def ref_norms(model, x, y):
    model.zero_grad()
    F.mse_loss(model(x), y).backward()
    out = [m.weight.grad.norm().item() for m in linears(model)]
    ref_norms.bias = [m.bias.grad.norm().item() for m in linears(model)]
    model.zero_grad()
    return out


def test_weight_grad_norms(exercise):
    torch.manual_seed(0)
    for depth, width in [(4, 8), (1, 5)]:
        model = exercise.broken_net(depth, width)
        x, y = torch.randn(16, width), torch.randn(16, 1)
        want = ref_norms(model, x, y)
        want_bias = ref_norms.bias
        with torch.no_grad():
            model(x).sum()
        F.mse_loss(model(x), y).backward()              # stale gradients: the function must clear them
        call = f"weight_grad_norms(broken_net({depth}, {width}), x, y) (with stale .grad left in the model)"
        got = exercise.weight_grad_norms(model, x, y)
        if got is None:
            fail(f"{call} returned None.", hint="finish the TODO and return a list of floats.")
        expect(isinstance(got, (list, tuple)), f"{call} should return a list of floats, got {type(got).__name__}.")
        got = list(got)
        expect_equal(len(got), len(want), f"the number of norms from {call}",
                     hint="one norm per nn.Linear, weight only (not the biases).")
        for v in got:
            expect(isinstance(v, float), f"{call} holds a {type(v).__name__}; return Python floats (.item()).")
        if all(abs(g - w) <= 1e-4 * w + 1e-12 for g, w in zip(got, want)):
            continue
        cause = None
        if all(abs(g - 2 * w) <= 1e-4 * w + 1e-12 for g, w in zip(got, want)):
            cause = "the norms are doubled: old gradients were still in .grad; clear them first (model.zero_grad())."
        elif all(abs(g - w) <= 1e-4 * w + 1e-12 for g, w in zip(got, want[::-1])):
            cause = "the list is reversed: the input layer comes first, as in model.modules()."
        elif all(abs(g - w) <= 1e-4 * w + 1e-12 for g, w in zip(got, want_bias)):
            cause = "those are the BIAS gradients' norms; take each layer's weight.grad."
        fail(f"{call}: expected {[f'{w:.3g}' for w in want]}, got {[f'{g:.3g}' for g in got]}.", hint=cause)


def test_fixed_net_band(exercise):
    for depth in [8, 24]:
        for seed in [0, 1]:
            torch.manual_seed(seed)
            model = exercise.fixed_net(depth, 32)
            expect(isinstance(model, nn.Module), f"fixed_net({depth}, 32) should return an nn.Module.")
            shapes = [tuple(m.weight.shape) for m in linears(model)]
            expect_equal(shapes, [(32, 32)] * depth + [(1, 32)], f"the nn.Linear weight shapes of fixed_net({depth}, 32)",
                         hint="keep broken_net's sizes: depth Linear(width, width) layers, then Linear(width, 1).")
            x, y = torch.randn(64, 32), torch.randn(64, 1)
            norms = ref_norms(model, x, y)
            lo, hi = min(norms), max(norms)
            line = " ".join(f"{n:.1e}" for n in norms)
            if not all(map(lambda n: n == n, norms)) or hi == float("inf"):
                fail(f"fixed_net({depth}, 32): the weight gradients are not finite: {line}")
            first, last = norms[0], norms[-2]
            if lo < BAND[0] or hi > BAND[1] or hi > MAX_RATIO * lo:
                cause = None
                if hi < BAND[0]:
                    cause = ("every gradient is tiny: the signal shrinks through the layers in the forward pass. "
                             "Xavier (std sqrt(2 / (fan_in + fan_out))) is made for tanh; each ReLU zeroes half "
                             "the variance, which Kaiming's std sqrt(2 / fan_in) makes up for.")
                elif first < last / MAX_RATIO:
                    cause = ("the gradient still shrinks layer after layer towards the input (vanishing). Sigmoid's "
                             "slope is at most 0.25, so each layer scales it down; with ReLU, PyTorch's default "
                             "init (kaiming_uniform_ with a=sqrt(5)) keeps only 1/3 of the variance per layer. "
                             "ReLU needs Kaiming init for ReLU (std sqrt(2 / fan_in)).")
                elif first > last * MAX_RATIO or hi > BAND[1]:
                    cause = ("the gradient grows towards the input (exploding): the weights are too large for "
                             "the activation; Kaiming's std is sqrt(2 / fan_in).")
                fail(f"fixed_net({depth}, 32), seed {seed}: the weight gradient norms, input layer first, are\n"
                     f"  {line}\n  smallest {lo:.2e}, largest {hi:.2e} (ratio {hi / lo:.2g}); they must all lie in "
                     f"[{BAND[0]:g}, {BAND[1]:g}] with a ratio of at most {MAX_RATIO:g}.", hint=cause)
