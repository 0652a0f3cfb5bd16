import torch

from dlings.testing import expect, expect_close, expect_equal, expect_tensor

SHARES = ("detach() (and .data) give a tensor over w's own memory, so it follows every in-place update of w. "
          "Copy it too: w.detach().clone().")


def test_snapshot_survives_updates(exercise):
    torch.manual_seed(0)
    for shape in [(5,), (3, 4)]:
        w = torch.randn(shape, requires_grad=True)
        before = w.detach().clone()
        best = expect_tensor(exercise.snapshot(w), f"snapshot(w) for w of shape {shape}")
        expect_close(best, before, what=f"snapshot(w) for w of shape {shape}")
        expect_equal(best.requires_grad, False, what="snapshot(w).requires_grad",
                     hint="w.clone() copies the values but stays in the autograd graph (it has a grad_fn and "
                          "requires grad). Detach it: w.detach().clone().")
        with torch.no_grad():
            w.mul_(2.0).add_(1.0)  # an optimizer step, in place
        expect_close(best, before, what="the snapshot after an in-place update of w", hint=SHARES)
        expect(best.untyped_storage().data_ptr() != w.untyped_storage().data_ptr(),
               "snapshot(w) shares w's storage.", hint=SHARES)


def test_snapshot_of_non_leaf(exercise):
    x = torch.randn(4, requires_grad=True)
    h = x * 3  # a tensor in the middle of a graph
    best = expect_tensor(exercise.snapshot(h), "snapshot(x * 3)")
    expect(best.grad_fn is None and not best.requires_grad,
           f"snapshot(x * 3) is still part of the graph (grad_fn={best.grad_fn}).",
           hint="clone() keeps the graph; detach() leaves it.")


def test_snapshot_keeps_dtype(exercise):
    w = torch.randn(3, 2, dtype=torch.float64, requires_grad=True)
    best = expect_tensor(exercise.snapshot(w), "snapshot(w) for a float64 w")
    expect_equal(best.dtype, torch.float64, what="snapshot(w).dtype for a float64 w",
                 hint="the snapshot must be the same weights: same values AND dtype. Rebuilding it with "
                      "torch.tensor(w.tolist()) makes float32; w.detach().clone() keeps w's dtype.")
    expect_close(best, w.detach(), what="snapshot(w) for a float64 w")
