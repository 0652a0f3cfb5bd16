import torch
from torch import nn
from torchvision.models.resnet import BasicBlock as TVBlock

from dlings.testing import expect, expect_close, expect_equal, fail
from support_18_cnn import expect_module, expect_same_function, expect_same_layout

CASES = [(8, 8, 1, 9), (4, 8, 2, 10), (6, 6, 2, 7), (5, 3, 1, 6)]


def reference(cin, cout, stride):
    down = None
    if stride != 1 or cin != cout:
        down = nn.Sequential(nn.Conv2d(cin, cout, 1, stride=stride, bias=False), nn.BatchNorm2d(cout))
    return TVBlock(cin, cout, stride=stride, downsample=down)


LAYOUT_HINT = ("conv1/conv2 are 3x3 with bias=False (BatchNorm follows them); downsample is None exactly when stride "
               "== 1 and in_channels == out_channels, else nn.Sequential(1x1 Conv2d with that stride and bias=False, "
               "BatchNorm2d).")


def test_shapes_and_values(exercise):
    for cin, cout, stride, size in CASES:
        what = f"BasicBlock({cin}, {cout}, stride={stride})"
        torch.manual_seed(0)
        block = expect_module(exercise.BasicBlock(cin, cout, stride), what)
        ref = reference(cin, cout, stride)
        need_down = stride != 1 or cin != cout
        down = getattr(block, "downsample", "missing")
        if need_down and down is None:
            fail(f"{what}.downsample is None, but the shortcut x has shape (N, {cin}, {size}, {size}) and the main "
                 f"path gives (N, {cout}, {-(-size // stride)}, {-(-size // stride)}): they cannot be added.",
                 hint="when stride != 1 or the channels change, the shortcut is a 1x1 conv with the same stride "
                      "(bias=False) followed by BatchNorm2d.")
        if not need_down and down is not None:
            fail(f"{what}.downsample should be None: the shapes already match, so the shortcut is x itself.",
                 hint="only build the 1x1 projection when stride != 1 or in_channels != out_channels.")
        expect_same_layout(block, ref, what, hint=LAYOUT_HINT)
        for m in block.modules():
            if isinstance(m, nn.BatchNorm2d):  # non-trivial affine and running stats so mistakes show
                m.weight.data.uniform_(0.5, 1.5)
                m.bias.data.uniform_(-0.5, 0.5)
                m.running_mean.uniform_(-0.2, 0.2)
                m.running_var.uniform_(0.5, 2.0)
        x = torch.randn(3, cin, size, size)
        out = block(x)
        s = (size - 1) // stride + 1
        expect_equal(tuple(out.shape), (3, cout, s, s), f"{what}(x).shape for x of shape {tuple(x.shape)}",
                     hint="the stride goes on conv1 (and on the 1x1 shortcut), not on conv2.")
        expect_same_function(block, ref, x, what, hint="out = relu(bn1(conv1(x))); out = bn2(conv2(out)); "
                             "return relu(out + shortcut), the shortcut being x or downsample(x); the stride is on "
                             "conv1, and the ReLU comes after the addition.")


def test_gradient_flows_through_both_paths(exercise):
    for cin, cout, stride, size in CASES[:2]:
        what = f"BasicBlock({cin}, {cout}, stride={stride})"
        torch.manual_seed(1)
        block = exercise.BasicBlock(cin, cout, stride)
        x = torch.randn(2, cin, size, size, requires_grad=True)
        block(x).sum().backward()
        missing = [n for n, p in block.named_parameters() if p.grad is None or not p.grad.abs().sum() > 0]
        expect(not missing, f"after {what}(x).sum().backward() these parameters got no gradient: {missing}.",
               hint="every layer must be on the path from x to the output, the shortcut included.")
        expect(x.grad is not None and x.grad.abs().sum() > 0, f"no gradient reached the input of {what}.")
    # With the main path silenced (conv2 weights zero) the gradient still reaches x through the identity shortcut.
    block = exercise.BasicBlock(4, 4, 1)
    with torch.no_grad():
        block.conv2.weight.zero_()
        block.bn2.eval()
        block.bn2.running_mean.zero_()
        block.bn2.running_var.fill_(1.0)
        block.bn2.bias.zero_()
    x = (torch.rand(2, 4, 5, 5) + 0.1).requires_grad_()
    block(x).sum().backward()
    expect_close(x.grad, torch.ones_like(x), "the gradient of BasicBlock(4, 4)(x).sum() with respect to x when the "
                 "main path outputs zeros (x > 0)", hint="the identity shortcut adds x itself: its gradient is 1 "
                 "wherever the final ReLU is open. Do not detach or copy x into the shortcut without its graph.")
