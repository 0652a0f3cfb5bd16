import torch

from dlings.testing import expect_close, expect_shape
from support_01_tensors import expect_dtype_is


def test_blank_images(exercise):
    for n, h, w in [(2, 4, 5), (1, 3, 3), (5, 2, 7)]:
        what = f"blank_images({n}, {h}, {w})"
        got = exercise.blank_images(n, h, w)
        expect_shape(got, (n, 3, h, w), what,
                     hint="PyTorch images are (batch, channels, height, width): channels come second."
                     if tuple(getattr(got, "shape", ())) in [(n, h, w, 3), (3, h, w)] else None)
        expect_dtype_is(got, torch.float32, what,
                        {torch.int64: "torch.zeros gives float32 unless you ask for another dtype; drop dtype=."})
        expect_close(got, torch.zeros(n, 3, h, w), what, hint="a black image is all zeros.")


def test_keep_all_mask(exercise):
    for n in [1, 4, 9]:
        what = f"keep_all_mask({n})"
        got = exercise.keep_all_mask(n)
        expect_shape(got, (n,), what)
        expect_dtype_is(got, torch.bool, what, hint="torch.ones makes float32 ones unless you pass dtype=torch.bool.")
        expect_close(got, torch.ones(n, dtype=torch.bool), what,
                     hint="True is the one value of a bool tensor: torch.ones, not torch.zeros.")
