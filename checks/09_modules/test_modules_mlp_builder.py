import torch
import torch.nn.functional as F
from torch import nn

from dlings.testing import expect, expect_close, expect_equal, fail
from support_09_modules import build, linear_layers

ACT = {"relu": torch.relu, "tanh": torch.tanh, "gelu": F.gelu}


def manual(layers, x, act, last_act=False):
    for i, lin in enumerate(layers):
        x = x @ lin.weight.T + lin.bias
        if i < len(layers) - 1 or last_act:
            x = ACT[act](x)
    return x


def test_linear_layers(exercise):
    for sizes in [[4, 16, 8, 2], [3, 5], [2, 7, 7, 7, 1]]:
        mlp = build(exercise.MLP, sizes)
        layers = linear_layers(mlp)
        want = list(zip(sizes, sizes[1:]))
        got = [(m.in_features, m.out_features) for m in layers]
        if not got:
            fail(f"MLP({sizes}) registers no Linear layer at all.",
                 hint="layers kept in a plain Python list are invisible to PyTorch: register them with "
                 "nn.Sequential(*layers) or nn.ModuleList(layers).")
        expect_equal(got, want, f"the (in, out) sizes of the Linear layers of MLP({sizes}), in order",
                     hint="one Linear per pair of neighbouring sizes: zip(sizes, sizes[1:]).")
        n_params = sum(p.numel() for p in mlp.parameters())
        expect_equal(n_params, sum(i * o + o for i, o in want), f"the number of parameters of MLP({sizes})")


def test_forward_for_each_activation(exercise):
    torch.manual_seed(0)
    for act in ["relu", "tanh", "gelu"]:
        for sizes in [[4, 16, 8, 2], [3, 5], [2, 6, 6, 3]]:
            mlp = build(exercise.MLP, sizes, activation=act)
            layers = linear_layers(mlp)
            x = torch.randn(5, sizes[0])
            mistakes = {f"the activation is also applied after the last Linear; the output must stay raw.":
                        manual(layers, x, act, last_act=True)}
            for other in ACT:
                if other != act:
                    mistakes[f"this is the {other} activation; activation={act!r} was asked for."] = \
                        manual(layers, x, other)
            expect_close(mlp(x), manual(layers, x, act), f"MLP({sizes}, activation={act!r})(x)", mistakes=mistakes)


def test_unknown_activation(exercise):
    try:
        build(exercise.MLP, [3, 4, 2], activation="sigmoidish")
    except ValueError:
        return
    fail('MLP([3, 4, 2], activation="sigmoidish") did not raise ValueError.',
         hint="check the name against the ones you support and `raise ValueError(...)` for any other.")


def test_dropout(exercise):
    torch.manual_seed(1)
    sizes = [6, 32, 32, 4]
    mlp = build(exercise.MLP, sizes, dropout=0.5)
    drops = [m for m in mlp.modules() if isinstance(m, nn.Dropout)]
    expect_equal(len(drops), 2, f"the number of nn.Dropout layers in MLP({sizes}, dropout=0.5)",
                 hint="one Dropout after each hidden activation, none after the last Linear.")
    expect(all(d.p == 0.5 for d in drops), f"the Dropout layers have p = {[d.p for d in drops]}; expected 0.5.")
    x = torch.randn(8, 6)
    mlp.train()
    expect(not torch.allclose(mlp(x), mlp(x)), "in training mode MLP(..., dropout=0.5) gave the same output twice.",
           hint="the Dropout layers must sit inside the registered layers so they run in forward.")
    mlp.eval()
    expect_close(mlp(x), manual(linear_layers(mlp), x, "relu"), f"MLP({sizes}, dropout=0.5)(x) in eval mode")


def test_no_dropout_layers_when_dropout_is_zero(exercise):
    sizes = [4, 8, 8, 2]
    mlp = build(exercise.MLP, sizes)
    drops = [m for m in mlp.modules() if isinstance(m, nn.Dropout)]
    expect_equal(len(drops), 0, f"the number of nn.Dropout layers in MLP({sizes}) (dropout left at 0.0)",
                 hint="add nn.Dropout only when dropout > 0, as the docstring says: a Dropout(0.0) does nothing "
                      "but still shows in the model.")


def test_dropout_comes_after_the_activation(exercise):
    # The order the leaf layers RUN in: each Dropout must come right after an activation (Linear -> act -> Dropout).
    sizes = [4, 8, 8, 2]
    mlp = build(exercise.MLP, sizes, activation="tanh", dropout=0.25)
    calls = []
    leaves = [m for m in mlp.modules() if not list(m.children())]
    handles = [m.register_forward_hook(lambda mod, inp, out: calls.append(type(mod).__name__)) for m in leaves]
    try:
        mlp(torch.randn(3, sizes[0]))
    finally:
        for h in handles:
            h.remove()
    want = ["Linear", "Tanh", "Dropout", "Linear", "Tanh", "Dropout", "Linear"]
    expect_equal(calls, want, f"the layers MLP({sizes}, activation='tanh', dropout=0.25) runs, in order",
                 hint="after every Linear except the last: the activation, THEN nn.Dropout (dropout before tanh "
                      "or gelu is not the same function).")
