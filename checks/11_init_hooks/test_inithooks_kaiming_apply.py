import math

import torch
from torch import nn

from dlings.testing import expect_close, fail
from support_11_init_hooks import expect_std


def make_net():
    return nn.Sequential(
        nn.Conv2d(16, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(),
        nn.Conv2d(64, 40, 3, bias=False), nn.ReLU(), nn.Conv1d(8, 8, 3),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(40, 600), nn.ReLU(), nn.Linear(600, 72),
    )


def test_kaiming_through_apply(exercise):
    torch.manual_seed(0)
    net = make_net()
    bn = {n: p.detach().clone() for n, p in net.named_parameters() if n.startswith(("1.", "5."))}
    torch.manual_seed(1)
    net.apply(exercise.init_relu_net)
    for idx in (0, 3, 8, 10):
        layer = net[idx]
        w = layer.weight
        r = math.prod(w.shape[2:])
        fan_in, fan_out = w.shape[1] * r, w.shape[0] * r
        kind = type(layer).__name__
        fan, other = (fan_out, fan_in) if kind == "Conv2d" else (fan_in, fan_out)
        mode = "fan_out" if kind == "Conv2d" else "fan_in"
        std = math.sqrt(2 / fan)
        what = f"the weight of layer {idx} ({kind}, weight shape {tuple(w.shape)}) after net.apply(init_relu_net)"
        expect_std(w, std, what, mistakes={
            f"the wrong mode for {kind}: this exercise asks for mode={mode!r}.": math.sqrt(2 / other),
            "the gain is 1, not sqrt(2): pass nonlinearity='relu'.": math.sqrt(1 / fan),
            "the gain is 5/3 (tanh), not sqrt(2): pass nonlinearity='relu'.": 5 / 3 / math.sqrt(fan),
            f"the layer still has PyTorch's default init: is init_relu_net handling nn.{kind}?":
                1 / math.sqrt(3 * fan_in),
        })
        # Normal, not uniform: a normal draw puts ~4.6 % of its values beyond 2 std (>= 9216 values
        # here, so hundreds); kaiming_uniform_ with the same std is bounded by sqrt(3) std, so none.
        tail = (w.detach().abs() > 2 * std).float().mean().item()
        if tail < 0.02:
            fail(f"{what}: has the right std but {tail:.2%} of its values lie beyond 2 std; a normal "
                 "distribution puts about 4.6 % there. The values look uniform (bounded by sqrt(3) std).",
                 hint="use nn.init.kaiming_normal_, not kaiming_uniform_.")
        if layer.bias is not None:
            expect_close(layer.bias, torch.zeros_like(layer.bias), what=f"the bias of layer {idx} ({kind})",
                         hint="set biases to zero with nn.init.zeros_(m.bias) (when m.bias is not None).")
    for n, p in net.named_parameters():
        if n in bn and not torch.equal(p.detach(), bn[n]):
            fail(f"`{n}` ({type(net[int(n.split('.')[0])]).__name__}) changed; only Conv2d and Linear layers "
                 "should be initialised.", hint="check the type with isinstance(m, nn.Conv2d) / nn.Linear.")
