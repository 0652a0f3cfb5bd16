import torch
from torch import nn

from dlings.testing import expect, expect_close, expect_dtype, expect_equal, expect_parameter_names
from support_09_modules import build


def test_layers_are_registered(exercise):
    tower = build(exercise.Tower, 3, 4)
    layers = getattr(tower, "layers", None)
    expect(isinstance(layers, nn.Module),
           f"tower.layers is a {type(layers).__name__}; nn.Module only registers submodules that are Modules "
           "themselves, so the layers in it are invisible.",
           hint="wrap the list: self.layers = nn.ModuleList([...]). Then .parameters(), state_dict() and .to() "
           "see every layer.")
    children = list(layers)
    expect_equal(len(children), 3, "the number of layers in Tower(3, 4).layers",
                 hint="range(n_layers) gives exactly n_layers layers.")
    expect(len({id(m) for m in children}) == 3,
           "Tower(3, 4).layers holds the same Linear object several times, so all the layers share one weight.",
           hint="[nn.Linear(width, width)] * n repeats ONE layer; create a new one each time "
           "([nn.Linear(width, width) for _ in range(n)]).")
    expect_parameter_names(tower, [f"layers.{i}.{p}" for i in range(3) for p in ("weight", "bias")], "Tower(3, 4)")


def test_optimizer_trains_every_layer(exercise):
    torch.manual_seed(0)
    tower = build(exercise.Tower, 2, 3)
    before = {k: v.clone() for k, v in tower.state_dict().items()}
    expect(len(before) == 4, f"Tower(2, 3).state_dict() has {len(before)} entries; expected 4 "
           "(weight and bias of 2 layers).", hint="layers in a plain list are not saved: use nn.ModuleList.")
    opt = torch.optim.SGD(tower.parameters(), lr=0.1)
    tower(torch.randn(5, 3)).pow(2).sum().backward()
    opt.step()
    for k, v in tower.state_dict().items():
        expect(not torch.equal(v, before[k]), f"one SGD step on tower.parameters() did not change {k}.")


def test_forward_and_dtype(exercise):
    torch.manual_seed(1)
    tower = build(exercise.Tower, 3, 4).double()
    for layer in tower.layers:
        expect_dtype(layer.weight, torch.float64, "a layer's weight after tower.double()",
                     hint="modules in a plain list are not converted by .double()/.to(): use nn.ModuleList.")
    x = torch.randn(2, 4, dtype=torch.float64)
    want = x
    for layer in tower.layers:
        want = want + torch.tanh(want @ layer.weight.T + layer.bias)
    expect_close(tower(x), want, "Tower(3, 4)(x)")
