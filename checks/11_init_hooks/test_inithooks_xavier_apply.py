import math

import torch
from torch import nn

from dlings.testing import expect, expect_close, fail
from support_11_init_hooks import expect_std, looks_normal

TANH_GAIN = 5 / 3


class Mixed(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(50, 64)
        self.conv = nn.Conv1d(64, 96, 3)
        self.fc1 = nn.Linear(96, 384)
        self.norm = nn.LayerNorm(384)
        self.head = nn.Sequential(nn.Tanh(), nn.Linear(384, 160), nn.Tanh(), nn.Linear(160, 400, bias=False))
        # its out_proj is a subclass of nn.Linear (so it counts); its in_proj_weight is not a Linear (so it stays)
        self.attn = nn.MultiheadAttention(256, 4)


def test_linear_layers_get_xavier_normal(exercise):
    torch.manual_seed(0)
    model = Mixed()
    others = {n: p.detach().clone() for n, p in model.named_parameters()
              if not n.startswith(("fc1", "head", "attn.out_proj"))}
    torch.manual_seed(1)
    model.apply(exercise.init_weights)
    for name, layer in [("fc1", model.fc1), ("head.1", model.head[1]), ("head.3", model.head[3]),
                        ("attn.out_proj", model.attn.out_proj)]:
        fan_out, fan_in = layer.weight.shape
        std = TANH_GAIN * math.sqrt(2 / (fan_in + fan_out))
        kind = "nn.Linear" if type(layer) is nn.Linear else type(layer).__name__
        sub = "" if type(layer) is nn.Linear else ", a subclass of nn.Linear,"
        what = f"the weight of {name} = {kind}({fan_in}, {fan_out}){sub} after model.apply(init_weights)"
        subclass = None
        if type(layer) is not nn.Linear:
            subclass = ("this layer is a SUBCLASS of nn.Linear and was skipped: the docstring counts subclasses "
                        "(isinstance(m, nn.Linear)), not only type(m) is nn.Linear.")
        expect_std(layer.weight, std, what, hint=subclass, mistakes={
            "the gain is missing: pass gain=nn.init.calculate_gain('tanh') (5/3).": std / TANH_GAIN,
            "the gain is squared: calculate_gain already returns the multiplier for the std.": std * TANH_GAIN,
            "nn.Linear's own default init (kaiming_uniform_ with a=sqrt(5)) is still there: is init_weights "
            "reaching the Linear layers?": 1 / math.sqrt(3 * fan_in) if subclass is None else -1.0,
        })
        expect(looks_normal(layer.weight), f"{what}: the values look uniform, not normal.",
               hint="xavier_uniform_ has the same std; this exercise asks for xavier_normal_.")
        if layer.bias is not None:
            expect_close(layer.bias, torch.zeros_like(layer.bias), what=f"the bias of {name}",
                         hint="set the bias to zero too: nn.init.zeros_(m.bias) (check `m.bias is not None`).")
    for n, p in model.named_parameters():
        if n in others and not torch.equal(p.detach(), others[n]):
            kind = type(dict(model.named_modules())[n.rsplit(".", 1)[0]]).__name__
            fail(f"`{n}` ({kind}) changed, but only nn.Linear layers should be initialised.",
                 hint="test the module type with isinstance(m, nn.Linear), not hasattr(m, 'weight').")


def test_apply_on_a_bare_linear(exercise):
    torch.manual_seed(2)
    layer = nn.Linear(200, 600)
    exercise.init_weights(layer)
    expect_std(layer.weight, TANH_GAIN * math.sqrt(2 / 800), "init_weights(nn.Linear(200, 600)).weight")
