import torch

from dlings.testing import expect, expect_close, expect_tensor

CASES = [[0.5, -1.0, 2.0], [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], [1, 2, 3], [[7], [8]]]


def test_make_leaf(exercise):
    for values in CASES:
        what = f"make_leaf({values})"
        t = expect_tensor(exercise.make_leaf(values), what)
        expect_close(t, torch.tensor(values, dtype=torch.float32), what,
                     hint="ints must become float32 (dtype=torch.float32): only floating-point tensors can require grad.")
        expect(t.requires_grad, f"{what} does not require grad (t.requires_grad is False).",
               hint="pass requires_grad=True to torch.tensor, or call .requires_grad_() on the tensor.")
        expect(t.is_leaf, f"{what} requires grad but is not a leaf: its grad_fn is {type(t.grad_fn).__name__}.",
               hint="an operation after requires_grad=True (a cast like .float(), * 1, + 0) makes a new, computed "
                    "tensor. Create it with the right dtype first, then ask for gradients.")


def test_gradient_reaches_it(exercise):
    t = exercise.make_leaf([1.0, 2.0, 3.0])
    (t * t).sum().backward()
    expect_close(t.grad, torch.tensor([2.0, 4.0, 6.0]), "t.grad after (t * t).sum().backward()")
