"""transfer_style: style transfer from the frozen dlings backbone on 32x32 shapes images.

The check measures, with its own losses, the style loss (Gram matrices of all three blocks against the style
image's) and the content loss (last block against the content image's). Measured on one thread (60 Adam steps,
lr 0.05, style_weight 10, about 0.3 s), over five content/style pairs: the reference cuts the style loss to
3-8 % of the content image's and keeps the content loss at 11-25 % of the style image's (13 % and 19 % on the
two pairs checked). Copying the style image's raw features leaves 92-95 % of that content loss; starting from
noise 52-67 %; no style loss leaves the image unchanged.
Bars: style loss at most 25 % of the content image's, content loss at most 40 % of the style image's.
"""
import torch
import torch.nn.functional as F
from torch import nn

from dlings import data
from dlings.testing import expect, expect_shape, expect_tensor, expect_untouched, fail, snapshot
from support_19_transfer import backbone

STEPS = 60
STYLE_WEIGHT = 10.0
LR = 0.05
STYLE_BAR = 0.25
CONTENT_BAR = 0.40


class Extractor(nn.Module):
    """The backbone's feature blocks, returning every block's output."""

    def __init__(self, features):
        super().__init__()
        self.blocks = features

    def forward(self, x):
        out = []
        for block in self.blocks:
            x = block(x)
            out.append(x)
        return out


def _gram(f):
    n, c, h, w = f.shape
    flat = f.reshape(n, c, h * w)
    return flat @ flat.transpose(1, 2) / (h * w)


def _pair(content_class, style_class):
    s = data.shapes(40, classes=10, size=32, seed=0)
    return (s.x[(s.y == content_class).nonzero()[0]].clone(), s.x[(s.y == style_class).nonzero()[0]].clone())


@torch.no_grad()
def _losses(ext, img, content, style):
    fi, fc, fs = ext(img), ext(content), ext(style)
    return F.mse_loss(fi[-1], fc[-1]).item(), sum(F.mse_loss(_gram(a), _gram(b)).item() for a, b in zip(fi, fs))


def _run(exercise, content_class, style_class, report=None):
    names = data.SHAPE_CLASSES
    what = f"stylize(content, style, extractor, steps={STEPS}, style_weight={STYLE_WEIGHT}, lr={LR}) " \
           f"(a {names[content_class]} in the style of {names[style_class]})"
    ext = Extractor(backbone().features).eval()
    content, style = _pair(content_class, style_class)
    before = snapshot({"content": content, "style": style})
    net_before = snapshot(ext)
    try:
        got = exercise.stylize(content, style, ext, STEPS, STYLE_WEIGHT, LR)
    except RuntimeError as exc:
        if "backward through the graph a second time" in str(exc):
            fail(f"{what} raised: {str(exc).split('.')[0]}.",
                 hint="the targets (content's last feature map, style's Gram matrices) were computed with a graph "
                      "through the network, and the first backward() freed it. They are constants: compute them "
                      "once under torch.no_grad() (or .detach() them). retain_graph=True is not the fix.")
        raise
    got = expect_tensor(got, what)
    expect_untouched(ext, net_before, f"the extractor's weights after {what}",
                     hint="style transfer optimises the IMAGE: torch.optim.Adam([image], lr=lr), never the network's "
                          "parameters.")
    expect_untouched(before, snapshot({"content": content, "style": style}), f"the content and style images after {what}",
                     hint="optimise a copy: image = content.clone().requires_grad_(True); content.requires_grad_() "
                          "makes the content image itself the thing the optimizer changes.")
    expect_shape(got, tuple(content.shape), what)
    got = got.detach()
    lo, hi = got.min().item(), got.max().item()
    expect(lo >= 0.0 and hi <= 1.0, f"{what} has pixels in [{lo:.3f}, {hi:.3f}]; pixels live in [0, 1].",
           hint="after each optimizer step: with torch.no_grad(): image.clamp_(0, 1).")
    c_loss, s_loss = _losses(ext, got, content, style)
    _, s_start = _losses(ext, content, content, style)
    c_far, _ = _losses(ext, style, content, style)
    if report is not None:
        report("style_loss_fraction", s_loss / s_start)
        report("content_loss_fraction", c_loss / c_far)
    if torch.equal(got, content):
        fail(f"{what} returned the content image unchanged.",
             hint="nothing pulled the image away from content: is the style loss (style_weight times the Gram "
                  "matrices' MSE) in the loss, and does the optimizer hold the image you return?")
    if s_loss > STYLE_BAR * s_start:
        fail(f"{what}: the style loss is still {s_loss / s_start:.0%} of the content image's (the bar is "
             f"{STYLE_BAR:.0%}, the reference reaches 3-8 %).",
             hint="the style loss compares Gram matrices of EVERY feature map (gram_matrix(f) vs the style image's), "
                  "weighted by style_weight; and start from a copy of content, not from noise.")
    if c_loss > CONTENT_BAR * c_far:
        fail(f"{what}: the content loss is {c_loss / c_far:.0%} of the style image's: the picture lost its content "
             f"(the bar is {CONTENT_BAR:.0%}, the reference keeps 11-25 %).",
             hint="start from a copy of the content image, compare only the LAST feature map with content's, and "
                  "compare Gram matrices for the style, not the raw feature maps (those copy the style picture's "
                  "layout too).")


def test_stylize(exercise, report):
    torch.manual_seed(0)
    _run(exercise, 0, 8, report)      # a disk, in the style of stripes


def test_another_pair(exercise):
    torch.manual_seed(1)
    _run(exercise, 2, 9)              # a triangle, in the style of checker
