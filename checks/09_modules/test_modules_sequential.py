import torch
from torch import nn

from dlings.testing import expect, expect_close, expect_equal, expect_shape, fail


def make(exercise, *args):
    try:
        net = exercise.make_classifier(*args)
    except TypeError as exc:
        if "is not a Module subclass" not in str(exc):
            raise
        fail(f"make_classifier{args} raised TypeError: {exc}",
             hint="every child of nn.Sequential must be a Module: nn.ReLU() is a layer, torch.relu and F.relu "
             "are plain functions.")
    if net is None or net is Ellipsis:
        fail(f"make_classifier{args} returned {net!r}.", hint="finish the TODO and `return` the nn.Sequential.")
    expect(isinstance(net, nn.Sequential), f"make_classifier{args} should return an nn.Sequential, "
           f"got {type(net).__name__}.")
    return net


def test_named_children(exercise):
    net = make(exercise, 4, 8, 3)
    names = [name for name, _ in net.named_children()]
    expect_equal(names, ["fc1", "act", "fc2"], "the child names of make_classifier(4, 8, 3)",
                 mistakes={"nn.Sequential(a, b, c) numbers its children; pass one OrderedDict of "
                           "(name, module) pairs to name them.": ["0", "1", "2"]},
                 hint="nn.Sequential(OrderedDict([(\"fc1\", ...), (\"act\", ...), (\"fc2\", ...)])).")
    expect(isinstance(net.fc1, nn.Linear) and isinstance(net.fc2, nn.Linear),
           f"fc1 and fc2 should be nn.Linear layers, got {type(net.fc1).__name__} and {type(net.fc2).__name__}.")
    expect(isinstance(net.act, nn.ReLU), f"act should be an nn.ReLU, got {type(net.act).__name__}.")
    expect_shape(net.fc1.weight, (8, 4), "make_classifier(4, 8, 3).fc1.weight",
                 hint="nn.Linear(in_features, out_features): fc1 maps n_in -> n_hidden.")
    expect_shape(net.fc2.weight, (3, 8), "make_classifier(4, 8, 3).fc2.weight",
                 hint="fc2 maps n_hidden -> n_out.")
    expect(net[0] is net.fc1, "net[0] should be net.fc1: the children are in the wrong order.")


def test_forward(exercise):
    torch.manual_seed(0)
    for args, batch in [((4, 8, 3), 5), ((2, 5, 1), 3), ((6, 6, 6), 1)]:
        net = make(exercise, *args)
        x = torch.randn(batch, args[0])
        h = net.fc1(x)
        expect_close(net(x), net.fc2(torch.relu(h)), f"make_classifier{args}(x) for x of shape {(batch, args[0])}",
                     mistakes={"the ReLU is missing.": net.fc2(h)})
