import torch

from dlings.testing import expect, expect_close, expect_device, expect_shape, expect_tensor
from support_01_tensors import expect_dtype_is


def _call(exercise, x, c, what):
    got = exercise.make_buffers(x, c)
    expect(isinstance(got, (tuple, list)) and len(got) == 2,
           f"{what} should return two tensors (scores, labels), but it returned {type(got).__name__}"
           f"{'' if got is None else ': ' + repr(got)[:80]}.",
           hint="the function still returns None: finish the TODO and `return scores, labels`." if got is None else
           "return the pair: `return scores, labels`.")
    scores, labels = got
    return expect_tensor(scores, f"scores from {what}"), expect_tensor(labels, f"labels from {what}")


def test_shapes_and_values(exercise):
    torch.manual_seed(0)
    for n, f, c in [(4, 3, 5), (1, 7, 2), (6, 1, 1), (3, 3, 3)]:
        x = torch.randn(n, f)
        what = f"make_buffers(x, {c}) for x of shape {(n, f)}"
        scores, labels = _call(exercise, x, c, what)
        expect_shape(scores, (n, c), f"scores from {what}", hint=(
            "zeros_like(x) copies x's shape (N, F); scores need (N, num_classes): x.new_zeros(N, num_classes)."
            if tuple(scores.shape) == (n, f) and f != c else None))
        expect_close(scores, torch.zeros(n, c), f"scores from {what}", check_dtype=False)
        expect_shape(labels, (n,), f"labels from {what}")
        expect_dtype_is(labels, torch.int64, f"labels from {what}", {
            torch.float32: "new_full keeps x's dtype (float) unless told otherwise: pass dtype=torch.long.",
        })
        expect_close(labels, torch.full((n,), -1), f"labels from {what}")
        expect_dtype_is(scores, torch.float32, f"scores from {what}")


def test_dtype_follows_x(exercise):
    x = torch.randn(3, 4, dtype=torch.float64)
    what = "make_buffers(x, 5) for float64 x"
    scores, labels = _call(exercise, x, 5, what)
    expect_dtype_is(scores, torch.float64, f"scores from {what}", {
        torch.float32: "torch.zeros makes float32 whatever x is: x.new_zeros(...) takes x's dtype.",
    })
    expect_dtype_is(labels, torch.int64, f"labels from {what}", {
        torch.float64: "new_full keeps x's dtype (here float64) unless told otherwise: pass dtype=torch.long.",
    })
    expect_close(scores, torch.zeros(3, 5, dtype=torch.float64), f"scores from {what}")
    expect_close(labels, torch.full((3,), -1), f"labels from {what}")


def test_device_follows_x(exercise):
    x = torch.empty(3, 4, device="meta")  # a device with shapes but no data: stands in for a GPU
    what = "make_buffers(x, 5) for x on the 'meta' device"
    scores, labels = _call(exercise, x, 5, what)
    for name, got in [("scores", scores), ("labels", labels)]:
        expect_device(got, "meta", f"{name} from {what}", hint="torch.zeros and torch.full make CPU tensors unless "
                      "told otherwise; x.new_zeros / x.new_full make them on x's device.")
    expect_shape(scores, (3, 5), f"scores from {what}")
    expect_shape(labels, (3,), f"labels from {what}")
    expect_dtype_is(labels, torch.int64, f"labels from {what}")
