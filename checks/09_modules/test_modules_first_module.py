import torch
from torch import nn

from dlings.testing import expect, expect_close, expect_module_called, expect_parameter_names, expect_shape
from support_09_modules import build


def test_layers_are_registered(exercise):
    net = build(exercise.TwoLayerNet, 4, 8, 3)
    expect_parameter_names(net, ["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"], "TwoLayerNet(4, 8, 3)")
    for name, shape in [("fc1", (8, 4)), ("fc2", (3, 8))]:
        layer = getattr(net, name)
        expect(isinstance(layer, nn.Linear), f"net.{name} should be an nn.Linear, got {type(layer).__name__}.")
        expect_shape(layer.weight, shape, f"net.{name}.weight",
                     hint="nn.Linear(in_features, out_features): fc1 maps n_in -> n_hidden, fc2 n_hidden -> n_out.")


def test_forward_matches_linear_relu_linear(exercise):
    torch.manual_seed(0)
    for n_in, n_hidden, n_out, batch in [(4, 8, 3, 5), (2, 16, 1, 7), (6, 3, 5, 1)]:
        net = build(exercise.TwoLayerNet, n_in, n_hidden, n_out)
        x = torch.randn(batch, n_in)
        h = x @ net.fc1.weight.T + net.fc1.bias
        want = torch.relu(h) @ net.fc2.weight.T + net.fc2.bias
        got = net(x)
        expect_close(got, want, what=f"TwoLayerNet({n_in}, {n_hidden}, {n_out})(x) for x of shape {(batch, n_in)}",
                     mistakes={
                         "the ReLU between fc1 and fc2 is missing.": h @ net.fc2.weight.T + net.fc2.bias,
                         "ReLU is applied after fc2 as well (the output layer should stay linear).":
                             torch.relu(want),
                     })


def test_gradients_reach_both_layers(exercise):
    torch.manual_seed(1)
    net = build(exercise.TwoLayerNet, 3, 5, 2)
    net(torch.randn(4, 3)).sum().backward()
    for name, p in net.named_parameters():
        expect(p.grad is not None, f"after backward(), {name}.grad is None: no gradient reached it.",
               hint="every layer must be used in forward(), and not under torch.no_grad() or .detach().")


def test_submodules_are_called_not_forwarded(exercise):
    # The docstring's rule, inside forward as well: self.fc1(x), never self.fc1.forward(x). A forward hook
    # on each layer fires only when the layer is called.
    torch.manual_seed(2)
    net = build(exercise.TwoLayerNet, 3, 4, 2)
    why = ("call the layers themselves inside forward: self.fc1(x) and self.fc2(h). .forward(x) computes the same "
           "numbers but skips the hooks that tools (profilers, pruning, activation logging) attach to a layer.")
    with expect_module_called(net.fc1, "self.fc1", times=1, hint=why), \
            expect_module_called(net.fc2, "self.fc2", times=1, hint=why):
        net(torch.randn(2, 3))
