import torch
import torch.nn.functional as F
from torch import nn

from dlings.testing import CheckFailure, expect_close, expect_meta_call, expect_tensor, fail, forbid_calls

BANNED = ["torch.nn.functional.conv2d", "torch.conv2d"]
WHY = "the point is that F.unfold and a linear map give what the conv gives: build it from those."
# (B, C, H, W, P, D): a wide image, one patch per image, a single channel, P = 1, more patches than channels.
CASES = [(2, 3, 8, 12, 4, 5), (1, 1, 4, 4, 4, 3), (3, 2, 6, 4, 2, 7), (2, 3, 3, 2, 1, 4), (1, 4, 10, 6, 2, 16)]


def wrong_ones(x, conv):
    b, c, h, w = x.shape
    p, d = conv.kernel_size[0], conv.out_channels
    cols = F.unfold(x, p, stride=p)
    wt, bias = conv.weight.detach(), conv.bias.detach()
    last = wt.permute(0, 2, 3, 1).reshape(d, -1)
    return {
        "the patches were reshaped instead of transposed: F.unfold gives (B, C * P * P, N); .transpose(1, 2) makes "
        "it (B, N, C * P * P); a reshape mixes patches with pixels.":
            lambda: F.linear(cols.reshape(b, -1, c * p * p), wt.reshape(d, -1), bias),
        "the conv's bias is missing: a Conv2d adds conv.bias to every output, so the linear map must too.":
            lambda: F.linear(cols.transpose(1, 2), wt.reshape(d, -1)),
        "the weight is flattened channels-last: conv.weight is (D, C, P, P) and F.unfold orders each patch "
        "channel first, then rows, then columns, so conv.weight.reshape(D, -1) as it is.":
            lambda: F.linear(cols.transpose(1, 2), last, bias),
        "the patches are in column order: conv(x).flatten(2) lists them row by row (the patch to the right "
        "comes next), which is F.unfold's order.":
            lambda: F.linear(cols.transpose(1, 2), wt.reshape(d, -1), bias).reshape(b, h // p, w // p, d)
            .transpose(1, 2).reshape(b, -1, d),
        "each patch is flattened channels-last (rows, columns, then channels), but conv.weight.reshape(D, -1) is "
        "channel first: permute the patch to (C, P, P) before flattening, as F.unfold does.":
            lambda: F.linear(x.reshape(b, c, h // p, p, w // p, p).permute(0, 2, 4, 3, 5, 1).reshape(b, -1, c * p * p),
                             wt.reshape(d, -1), bias),
    }


def test_equals_the_conv(exercise):
    g = torch.Generator().manual_seed(0)
    for b, c, h, w, p, d in CASES:
        torch.manual_seed(p * 100 + d)
        conv = nn.Conv2d(c, d, kernel_size=p, stride=p)
        x = torch.randn(b, c, h, w, generator=g)
        what = (f"patch_tokens(x, conv) for x of shape {(b, c, h, w)} and conv = nn.Conv2d({c}, {d}, "
                f"kernel_size={p}, stride={p})")
        with forbid_calls(BANNED, why=WHY):
            try:
                got = exercise.patch_tokens(x.clone(), conv)
            except CheckFailure:
                raise
            except Exception as exc:  # noqa: BLE001 - the learner's code, explained
                fail(f"{what} raised {type(exc).__name__}: {(str(exc).splitlines() or [''])[0][:200]}",
                     hint="F.unfold(x, P, stride=P) is (B, C * P * P, N): transpose(1, 2) gives one row per patch, "
                          "and a linear map takes a weight (D, C * P * P): conv.weight.reshape(D, -1).")
        got = expect_tensor(got, what)
        n = (h // p) * (w // p)
        if got.dim() == 3 and got.shape[0] == b and got.shape[2] == d and got.shape[1] != n:
            fail(f"{what} gave {got.shape[1]} tokens; the conv gives (H // P) * (W // P) = {n}.",
                 hint="F.unfold's stride is 1 by default, so the patches overlap: pass stride=P (= kernel_size).")
        want = conv(x).flatten(2).transpose(1, 2)
        expect_close(got, want, what, rtol=1e-4, atol=1e-5, mistakes=wrong_ones(x, conv),
                     hint="each token is conv.weight.reshape(D, -1) @ (its patch, flattened channel first) + "
                          "conv.bias, the conv's own weight and bias (a new nn.Linear has random ones of its own); "
                          "the tokens go row by row.")


def test_follows_the_inputs_device(exercise):
    torch.manual_seed(0)
    conv = nn.Conv2d(3, 5, kernel_size=2, stride=2).to("meta")
    with forbid_calls(BANNED, why=WHY):
        expect_meta_call(lambda x: exercise.patch_tokens(x, conv), (2, 3, 4, 6), expected_shape=(2, 6, 5),
                         expected_dtype=torch.float32, what="patch_tokens(x, conv)")
