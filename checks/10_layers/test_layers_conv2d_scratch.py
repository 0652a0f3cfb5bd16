import torch
import torch.nn.functional as F

from dlings.testing import expect, expect_close, expect_not_calling, expect_tensor, fail, forbid_calls
from support_10_layers import torch_names

BANNED = ["torch.nn.functional.conv2d", "torch.conv2d", "torch.nn.Conv2d", "torch.convolution",
          "torch.nn.functional.unfold", "torch.nn.functional.conv_transpose2d"]
WHY = "build the convolution from slices of the padded input, as the docstring describes."

CASES = [  # x shape, weight shape, stride, padding, bias
    ((2, 3, 6, 6), (4, 3, 3, 3), 1, 0, True),
    ((1, 2, 7, 5), (3, 2, 3, 2), 2, 1, True),
    ((2, 1, 5, 6), (2, 1, 1, 1), 1, 0, False),
    ((1, 3, 8, 8), (2, 3, 5, 3), 3, 2, True),
]


def test_matches_f_conv2d(exercise):
    g = torch.Generator().manual_seed(0)
    for xs, ws, s, p, use_bias in CASES:
        x = torch.randn(xs, generator=g, dtype=torch.float64)
        if xs[0] == 1:
            x = x.transpose(2, 3).contiguous().transpose(2, 3)  # same values, non-contiguous
        w = torch.randn(ws, generator=g, dtype=torch.float64)
        b = torch.randn(ws[0], generator=g, dtype=torch.float64) if use_bias else None
        what = f"conv2d(x {xs}, weight {ws}, bias={'yes' if use_bias else 'None'}, stride={s}, padding={p})"
        leaves = [t.clone().requires_grad_() for t in (x, w)] + ([b.clone().requires_grad_()] if use_bias else [None])
        refs = [t.clone().requires_grad_() if t is not None else None for t in (x, w, b)]
        with forbid_calls(BANNED, why=WHY):
            got = expect_tensor(exercise.conv2d(leaves[0], leaves[1], leaves[2], stride=s, padding=p), what)
        want = F.conv2d(refs[0], refs[1], refs[2], stride=s, padding=p)
        mistakes = {"the kernel was flipped (true convolution); conv2d is cross-correlation: use weight as is.":
                        lambda: F.conv2d(x, w.flip(-1, -2), b, stride=s, padding=p),
                    "the bias is missing.": lambda: F.conv2d(x, w, None, stride=s, padding=p),
                    "out is still all zeros: the loop over kernel offsets is not written yet.": torch.zeros(want.shape,
                                                                                                            dtype=x.dtype),
                    "the slices ignore the stride: step through the input with start:stop:stride.":
                        lambda: F.conv2d(x, w, b, stride=1, padding=p)[..., :want.shape[2], :want.shape[3]]}
        if use_bias and want.shape[-1] == ws[0]:
            mistakes["the bias was added along the last (width) dimension: reshape it to (1, O, 1, 1)."] = \
                lambda: F.conv2d(x, w, None, stride=s, padding=p) + b
        expect_close(got, want, what, mistakes=mistakes)
        expect(got.requires_grad, f"{what} does not require grad: the graph was cut.",
               hint="build `out` with out-of-place additions from the inputs; no .detach()/.data/no_grad.")
        up = torch.randn(want.shape, generator=g, dtype=torch.float64)
        got.backward(up)
        want.backward(up)
        for name, mine, ref in zip(["x", "weight", "bias"], leaves, refs):
            if mine is None:
                continue
            if mine.grad is None:
                fail(f"no gradient reached `{name}` in {what}.")
            expect_close(mine.grad, ref.grad, f"the gradient of `{name}` in {what}")


def test_no_builtin_conv(exercise):
    expect_not_calling(exercise.conv2d, torch_names("conv2d", "Conv2d", "convolution", "unfold"), why=WHY)
