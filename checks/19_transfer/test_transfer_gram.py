"""transfer_gram: (N, C, H, W) -> (N, C, C), divided by H * W, per image, differentiable, any layout."""
import torch

from dlings.testing import expect, expect_close, expect_meta_call, expect_shape, expect_tensor


def reference(f):
    n, c, h, w = f.shape
    flat = f.reshape(n, c, h * w)
    return flat @ flat.transpose(1, 2) / (h * w)


def _mistakes(f):
    n, c, h, w = f.shape
    flat = f.reshape(n, c, h * w)
    raw = flat @ flat.transpose(1, 2)
    return {
        "you did not divide by the number of positions H * W.": raw,
        "you divided by C * H * W; the docstring divides by H * W only.": raw / (c * h * w),
        "you divided by H * W * N or summed over the whole batch: each image gets its own Gram matrix.":
            raw / (n * h * w),
    }


def test_values_and_shapes(exercise):
    torch.manual_seed(0)
    for shape in [(2, 3, 4, 5), (1, 4, 6, 6), (3, 1, 2, 7), (2, 5, 1, 1), (1, 1, 1, 1)]:
        f = torch.randn(shape)
        n, c = shape[:2]
        what = f"gram_matrix(features) for features of shape {shape}"
        arg = f.clone()
        got = expect_tensor(exercise.gram_matrix(arg), what)
        expect(torch.equal(arg, f), f"{what} changed the features it was given (largest change "
                                    f"{(arg - f).abs().max().item():.3g}).",
               hint="do not edit the input in place (features /= ..., .div_(), .mul_()): compute a new tensor.")
        expect_shape(got, (n, c, c), what, hint="one C x C matrix per image: multiply (N, C, H*W) by its transpose "
                                                  "(N, H*W, C), not the other way round.")
        expect_close(got, reference(f), what, mistakes=_mistakes(f),
                     hint="each image has its own Gram matrix: reshape to (N, C, H*W), multiply each image's (C, H*W) "
                          "by its transpose, divide by H * W.")


def test_layout_dtype_device(exercise):
    torch.manual_seed(1)
    f = torch.randn(2, 3, 6, 5).transpose(2, 3)      # (2, 3, 5, 6), not contiguous: H and W cannot merge by view
    expect_close(exercise.gram_matrix(f), reference(f), "gram_matrix(features) for a permuted (non-contiguous) input",
                 hint="view() needs a contiguous tensor; reshape() works on any layout.")
    f64 = torch.randn(2, 3, 4, 4, dtype=torch.float64)
    expect_close(exercise.gram_matrix(f64), reference(f64), "gram_matrix(features) for float64 features")
    expect_meta_call(exercise.gram_matrix, (2, 3, 4, 5), reference=reference, what="gram_matrix(features on meta)")


def test_batch_images_are_separate(exercise):
    torch.manual_seed(2)
    a, b = torch.randn(1, 3, 4, 4), torch.randn(1, 3, 4, 4)
    both = exercise.gram_matrix(torch.cat([a, b]))
    expect_close(both[1], reference(b)[0], "gram_matrix of a batch of two images, the second image's matrix",
                 hint="each image of the batch has its own Gram matrix: keep N apart (reshape to (N, C, H*W)).")


def test_differentiable(exercise):
    torch.manual_seed(3)
    f = torch.randn(2, 3, 4, 4, requires_grad=True)
    got = exercise.gram_matrix(f)
    expect(got.requires_grad, "gram_matrix(features) of features that require grad gives a tensor that does not: "
                              "style transfer could not backpropagate through it.",
           hint="no .detach(), torch.no_grad() or .numpy() inside: compute it with tensor operations.")
    got.sum().backward()
    want = torch.autograd.grad(reference(f).sum(), f)[0]
    expect_close(f.grad, want, "the gradient of gram_matrix(features).sum() with respect to features")


def test_layout_free(exercise):
    torch.manual_seed(4)
    f = torch.randn(1, 4, 6, 6)
    shifted = f.roll(shifts=(2, 3), dims=(2, 3))
    expect_close(exercise.gram_matrix(shifted), exercise.gram_matrix(f),
                 "gram_matrix of a picture whose features moved around (the same style)", atol=1e-5)
