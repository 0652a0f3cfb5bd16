import torch
from torch import nn

from dlings.testing import expect, expect_close, expect_equal, expect_tensor, forbid_calls

CASES = [((2, 3, 4, 6), 5, True), ((1, 4, 3, 3), 4, True), ((3, 2, 5, 2), 3, False)]


def test_conv1x1_as_linear(exercise):
    torch.manual_seed(0)
    for xs, o, bias in CASES:
        conv = nn.Conv2d(xs[1], o, 1, bias=bias)
        w0 = conv.weight.detach().clone()
        lin = exercise.conv1x1_as_linear(conv)
        what = f"conv1x1_as_linear(nn.Conv2d({xs[1]}, {o}, 1, bias={bias}))"
        expect(isinstance(lin, nn.Linear), f"{what} should return an nn.Linear, not {type(lin).__name__}.")
        expect_close(lin.weight.detach(), w0[:, :, 0, 0], f"{what}.weight",
                     hint="linear.weight.copy_(conv.weight[:, :, 0, 0]) (or conv.weight.view(O, C)); "
                          "both are (out, in).")
        if bias:
            expect_close(lin.bias.detach(), conv.bias.detach(), f"{what}.bias", hint="copy conv.bias into linear.bias.")
        expect_close(conv.weight.detach(), w0, "the conv's weight after conv1x1_as_linear(conv)",
                     hint="copy into the new linear layer; don't change the conv.")
        # its own memory: a later in-place update of the conv (an optimizer step) must not reach the Linear
        lin_w = lin.weight.detach().clone()
        lin_b = lin.bias.detach().clone() if bias else None
        with torch.no_grad():
            conv.weight.add_(1.0)
            if bias:
                conv.bias.add_(1.0)
        shares = ("the Linear shares memory with the conv (a view such as conv.weight.view(O, C), or the same "
                  "bias tensor): the docstring asks for a copy. Create the Linear, then copy_ the numbers in.")
        expect_close(lin.weight.detach(), lin_w, f"{what}.weight after the conv's weight changed in place",
                     hint=shares)
        if bias:
            expect_close(lin.bias.detach(), lin_b, f"{what}.bias after the conv's bias changed in place", hint=shares)


def test_apply_per_pixel_equals_the_conv(exercise):
    g = torch.Generator().manual_seed(1)
    for xs, o, bias in CASES:
        torch.manual_seed(2)
        conv = nn.Conv2d(xs[1], o, 1, bias=bias)
        lin = nn.Linear(xs[1], o, bias=bias)
        with torch.no_grad():
            lin.weight.copy_(conv.weight[:, :, 0, 0])
            if bias:
                lin.bias.copy_(conv.bias)
        x = torch.randn(xs, generator=g)
        what = f"apply_per_pixel(linear, x) for x of shape {xs}"
        with forbid_calls(["torch.nn.functional.conv2d", "torch.conv2d"],
                          why="apply the linear layer to channels-last pixels; running a convolution is not the exercise."):
            got = expect_tensor(apply(exercise, lin, x), what)
        with torch.no_grad():
            want = conv(x)
            wrong_back = lin(x.permute(0, 2, 3, 1)).permute(0, 3, 2, 1)
            reshaped = lin(x.reshape(xs[0], xs[2], xs[3], xs[1])).reshape(want.shape)
        expect_close(got.detach(), want, what, rtol=1e-5, atol=1e-5, mistakes={
            "permute(0, 3, 2, 1) swaps H and W on the way back: use permute(0, 3, 1, 2).": wrong_back,
            "reshape/view keeps the memory order, so it scrambles channels and pixels: use permute to move dims.":
                reshaped,
        })


def apply(exercise, lin, x):
    return exercise.apply_per_pixel(lin, x)
