import torch

from dlings.testing import expect_close, fail

CASES = [((5, 6), 1, 2, 3), ((3, 8, 8), 0, 0, 4), ((2, 3, 7, 5), 4, 1, 2), ((6, 6), 2, 2, 1)]


def reference(img, top, left, size):
    out = img.clone()
    out[..., top:top + size, left:left + size] = 0
    return out


def test_cutout_values(exercise):
    torch.manual_seed(0)
    for shape, top, left, size in CASES:
        img = torch.rand(shape) + 1
        got = exercise.cutout(img.clone(), top, left, size)
        expect_close(got, reference(img, top, left, size), what=f"cutout(img, {top}, {left}, {size}) for img of shape {shape}",
                     mistakes={
                         "the square is one pixel too big: a slice a:b stops BEFORE b, so top:top + size has exactly size rows.":
                             reference(img, top, left, size + 1),
                         "the square is one pixel too small: top:top + size already includes `size` rows.":
                             reference(img, top, left, size - 1),
                         "rows and columns are swapped: (top, left) is (row, column).": reference(img, left, top, size),
                         "you returned img without blanking anything.": img,
                     })


def test_input_left_alone(exercise):
    torch.manual_seed(1)
    for shape, top, left, size in CASES:
        img = torch.rand(shape) + 1
        before = img.clone()
        exercise.cutout(img, top, left, size)
        expect_close(img, before, what=f"the caller's img (shape {shape}) after cutout(img, {top}, {left}, {size})",
                     hint="your copy shares memory with img: out = img, out = img[:] and out = img.view(...) are all "
                          "views of the same storage, so zeroing out also zeroes img. Use out = img.clone().")


def test_keeps_dtype(exercise):
    # A uint8 image (how images load) must come back uint8, with only the square changed.
    torch.manual_seed(2)
    img = torch.randint(1, 256, (3, 6, 6), dtype=torch.uint8)
    got = exercise.cutout(img.clone(), 1, 2, 3)
    want = reference(img, 1, 2, 3)
    if isinstance(got, torch.Tensor) and got.dtype != img.dtype:
        fail(f"cutout(img, 1, 2, 3) for a uint8 img returned dtype {got.dtype}, expected torch.uint8 (img's dtype).",
             hint="multiplying by a float 0/1 mask promotes the image to float; copy img with clone() and assign 0 "
                  "into the square instead.")
    expect_close(got, want, what="cutout(img, 1, 2, 3) for a uint8 img of shape (3, 6, 6)")
