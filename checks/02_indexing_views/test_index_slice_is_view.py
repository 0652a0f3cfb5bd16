import torch

from dlings.testing import expect_close, fail


def bordered(x):
    want = x.clone()
    want[..., 0, :] = 0
    want[..., -1, :] = 0
    want[..., :, 0] = 0
    want[..., :, -1] = 0
    return want


def run_and_compare(exercise, img, what):
    before = img.clone()
    exercise.zero_border_(img)
    if torch.equal(img, before):
        fail(f"after zero_border_(img), {what} is unchanged: the caller's tensor was not modified.",
             hint="`img = ...` (or img.clone(), torch.where) makes a NEW tensor and only rebinds your local name. "
                  "Assign into slices of img itself: img[..., 0, :] = 0.")
    rows_only = before.clone()
    rows_only[..., 0, :] = 0
    rows_only[..., -1, :] = 0
    cols_only = before.clone()
    cols_only[..., :, 0] = 0
    cols_only[..., :, -1] = 0
    leading = before.clone()
    leading[0] = 0
    leading[-1] = 0
    if leading.dim() > 1:
        leading[:, 0] = 0
        leading[:, -1] = 0
    expect_close(img, bordered(before), what=what, mistakes={
        "only the top and bottom rows were zeroed; the left and right columns are border too ([..., :, 0] and [..., :, -1]).": rows_only,
        "only the left and right columns were zeroed; the top and bottom rows are border too.": cols_only,
        "img[0] and img[:, 0] index the FIRST dims; rows and columns of an image of shape (..., H, W) are the last two: use img[..., 0, :].": leading,
    })


def test_zeroes_the_border_in_place(exercise):
    torch.manual_seed(0)
    for shape in [(4, 5), (2, 3, 6, 6), (1, 3, 3)]:
        run_and_compare(exercise, torch.randn(shape) + 3, f"img of shape {shape}")


def test_writes_through_a_view(exercise):
    torch.manual_seed(1)
    big = torch.randn(6, 8) + 3
    want = big.clone()
    want[1:5, 2:7] = bordered(big[1:5, 2:7])
    before = big.clone()
    exercise.zero_border_(big[1:5, 2:7])
    if torch.equal(big, before):
        fail("zero_border_(big[1:5, 2:7]) did not change `big`. The slice big[1:5, 2:7] is a view of big's memory, "
             "so zeroing its border in place must show up in big.",
             hint="modify img itself (img[..., 0, :] = 0), never a copy of it.")
    expect_close(big, want, what="big after zero_border_(big[1:5, 2:7])")
