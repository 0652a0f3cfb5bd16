import torch
from torch import nn

from dlings.testing import expect, expect_equal, fail
from support_18_cnn import expect_module, expect_same_function, expect_same_layout, n_params


def ref_block(n, cin, cout):
    layers = []
    for i in range(n):
        layers += [nn.Conv2d(cin if i == 0 else cout, cout, 3, padding=1), nn.ReLU()]
    return nn.Sequential(*layers, nn.MaxPool2d(2))


def ref_features(arch, cin):
    blocks = []
    for n, c in arch:
        blocks.append(ref_block(n, cin, c))
        cin = c
    return nn.Sequential(*blocks)


BLOCK_HINT = "a block is [Conv2d(c_in, c_out, 3, padding=1), ReLU] for the first conv, [Conv2d(c_out, c_out, 3, " \
             "padding=1), ReLU] for each later one, then a single MaxPool2d(2) at the end."


def test_vgg_block(exercise):
    for n, cin, cout, size in [(2, 3, 8, 12), (1, 4, 4, 7), (3, 2, 5, 10)]:
        what = f"vgg_block({n}, {cin}, {cout})"
        torch.manual_seed(0)
        block = expect_module(exercise.vgg_block(n, cin, cout), what)
        expect(isinstance(block, nn.Sequential), f"{what} should return an nn.Sequential.")
        pools = [m for m in block if isinstance(m, nn.MaxPool2d)]
        expect(len(pools) == 1, f"{what} holds {len(pools)} MaxPool2d; a VGG block pools once, after all its convs.",
               hint=BLOCK_HINT)
        expect_same_layout(block, ref_block(n, cin, cout), what, hint=BLOCK_HINT)
        expect_equal(n_params(block), n_params(ref_block(n, cin, cout)), f"the number of parameters of {what}",
                     hint="every conv must be a NEW nn.Conv2d: reusing one module object (or [conv, relu] * k) makes "
                          "the convs share weights.")
        x = torch.randn(2, cin, size, size)
        out = block(x)
        expect_equal(tuple(out.shape), (2, cout, size // 2, size // 2), f"{what}(x).shape for x of shape {tuple(x.shape)}",
                     hint="padding=1 keeps the size through each 3x3 conv; only the pool halves it (floor).")
        expect_same_function(block, ref_block(n, cin, cout), x, what, modes=("train",), hint=BLOCK_HINT)


def test_vgg_features(exercise):
    for arch, cin, size in [(((1, 8), (2, 16)), 3, 32), (((2, 4),), 1, 9), (((1, 3), (1, 5), (2, 6)), 2, 16)]:
        what = f"vgg_features({arch}, in_channels={cin})"
        torch.manual_seed(0)
        net = expect_module(exercise.vgg_features(arch, cin), what)
        expect(isinstance(net, nn.Sequential) and len(net) == len(arch),
               f"{what} should be an nn.Sequential of {len(arch)} blocks (one per pair of arch), got "
               f"{len(net) if isinstance(net, nn.Sequential) else type(net).__name__}.",
               hint="append vgg_block(num_convs, in_channels, out_channels) for each pair, then nn.Sequential(*blocks).")
        ref = ref_features(arch, cin)
        expect_same_layout(net, ref, what, hint="each block takes the previous block's out_channels as its input "
                                                "channels; the first takes in_channels.")
        x = torch.randn(2, cin, size, size)
        s = size // 2 ** len(arch)
        try:
            out = net(x)
        except RuntimeError as e:
            fail(f"{what}(x) failed for x of shape {tuple(x.shape)}: {e}",
                 hint="each block's first conv must take the channels the previous block produced.")
        expect_equal(tuple(out.shape), (2, arch[-1][1], s, s), f"{what}(x).shape for x of shape {tuple(x.shape)}")
        expect_same_function(net, ref, x, what, modes=("train",))
