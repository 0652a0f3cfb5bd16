"""Each property is measured on images built to show it: a uniform image shows the crop's zero padding
(and nothing else), a left-bright image shows the flip, a dark image shows the order of ColorJitter and
Normalize. 200 draws each; the reference: flipped 40-60 %, shifted about 96 %, brightness factor 0.7-1.3."""
import torch

from dlings.testing import expect, expect_close, fail
from support_17_data import describe

MEAN, STD = [0.4, 0.5, 0.6], [0.2, 0.25, 0.3]
M, S = torch.tensor(MEAN).view(3, 1, 1), torch.tensor(STD).view(3, 1, 1)
DRAWS = 200


def _transform(exercise, name):
    t = getattr(exercise, name)(MEAN, STD)
    if t is None or t is Ellipsis:
        fail(f"{name}(mean, std) returned {t!r}.", hint="finish the TODO and `return` the transform.")
    if not callable(t):
        fail(f"{name}(mean, std) returned {describe(t)}, which cannot be called on an image.")
    return t


def _raw_draws(exercise, image, seed):
    """Apply the train transform DRAWS times; undo Normalize with the true mean/std."""
    t = _transform(exercise, "train_transform")
    torch.manual_seed(seed)
    out = []
    for _ in range(DRAWS):
        y = t(image.clone())
        if not isinstance(y, torch.Tensor) or tuple(y.shape) != (3, 16, 16):
            fail(f"train_transform(mean, std)(image of shape (3, 16, 16)) returned {describe(y)}; it should be an "
                 "image tensor of the same shape.", hint="RandomCrop(16, padding=2) keeps the size 16.")
        out.append(y * S + M)
    return torch.stack(out)


def test_eval_is_normalize_only(exercise):
    t = _transform(exercise, "eval_transform")
    torch.manual_seed(0)
    x = torch.rand(3, 16, 16)
    first = t(x.clone())
    for _ in range(5):
        expect(isinstance(first, torch.Tensor) and torch.equal(t(x.clone()), first),
               "eval_transform gives different results for the same image: evaluation must be deterministic.",
               hint="no random transforms at evaluation: only Normalize.")
    expect_close(first, (x - M) / S, "eval_transform(mean, std)(x)", mistakes={
        "mean and std are swapped: Normalize(mean, std) computes (x - mean) / std.": (x - S) / M})


def test_normalize_comes_last(exercise):
    dark = torch.full((3, 16, 16), 0.1)
    raw = _raw_draws(exercise, dark, 1)[:, :, 2:14, 2:14]
    lo, hi = float(raw.min()), float(raw.max())
    if hi > 0.25:
        fail(f"a dark image (all 0.1) comes out of train_transform as values that un-normalise to {lo:.2f} .. {hi:.2f}; "
             "brightness and contrast changes of 0.3 keep them near 0.1.",
             hint="Normalize must come last: ColorJitter clips its input to [0, 1], which wipes out the negative "
                  "values Normalize produces. Also check that mean and std go to Normalize as given.")
    expect(lo > 0.04, f"a dark image (all 0.1) un-normalises to values as low as {lo:.3f} after train_transform.",
           hint="brightness=0.3 scales by a factor in [0.7, 1.3].")


def test_horizontal_flip(exercise):
    image = torch.full((3, 16, 16), 0.4)
    image[..., :8] = 0.6                     # left half brighter
    raw = _raw_draws(exercise, image, 2)
    left, right = raw[..., 2:14, 3:6].mean((1, 2, 3)), raw[..., 2:14, 10:13].mean((1, 2, 3))
    flipped = float((left < right).float().mean())
    if not 0.35 <= flipped <= 0.65:
        fail(f"train_transform mirrored a left-bright image left-right in {flipped:.0%} of {DRAWS} draws; "
             "RandomHorizontalFlip(p=0.5) does it about half the time.",
             hint="v2.RandomHorizontalFlip(p=0.5) mirrors left-right (RandomVerticalFlip mirrors up-down).")
    ratio = ((left - right).abs() / (left + right))
    expect(float(ratio.std()) > 0.01,
           "the contrast between the two halves of an image never changes: ColorJitter(contrast=0.3) is missing.")


def test_crop_shifts_by_at_most_two_pixels(exercise):
    flat = torch.full((3, 16, 16), 0.5)
    raw = _raw_draws(exercise, flat, 3)
    spread = raw.amax((1, 2, 3)) - raw.amin((1, 2, 3))
    shifted = float((spread > 0.05).float().mean())
    if shifted < 0.75:
        fail(f"a uniform image came out uniform in {1 - shifted:.0%} of {DRAWS} draws: the zero padding of a shifted "
             "crop should show at its border in about 96 % of them.",
             hint="RandomCrop(16, padding=2): without padding a 16-pixel crop of a 16-pixel image never moves.")
    centre = raw[:, :, 2:14, 2:14]
    inner = (centre.amax((1, 2, 3)) - centre.amin((1, 2, 3))).max()
    expect(float(inner) < 1e-3, "the padding reached more than 2 pixels into the image: padding=2, so the centre "
           "12 x 12 pixels always stay image.")
    values = raw[:, 0, 7, 7]
    spread_b = float(values.max() - values.min())
    expect(spread_b > 0.15 and float(values.min()) > 0.3 and float(values.max()) < 0.7,
           f"the centre pixel of a uniform 0.5 image takes values {float(values.min()):.2f} .. {float(values.max()):.2f} "
           f"over {DRAWS} draws; ColorJitter(brightness=0.3) scales it by 0.7 .. 1.3 (0.35 .. 0.65).",
           hint="ColorJitter(brightness=0.3, contrast=0.3)")


def test_train_is_random(exercise):
    t = _transform(exercise, "train_transform")
    torch.manual_seed(4)
    x = torch.rand(3, 16, 16)
    outs = [t(x.clone()) for _ in range(4)]
    expect(not all(torch.equal(outs[0], o) for o in outs[1:]), "train_transform gives the same output every time.")
