import torch

from dlings.testing import expect, expect_close, expect_grad
from support_07_custom_autograd import backward_explained, expect_custom_function, expect_uses_function, upstream_like

SHAPES = [(5, 3, 2), (1, 4, 6), (7, 2, 3)]  # (N, in, out): never square, so swapped grads are caught


def test_forward_values(exercise):
    expect_custom_function(exercise.LinearFn, "LinearFn")
    torch.manual_seed(0)
    for n, i, o in SHAPES:
        x, W = torch.randn(n, i), torch.randn(o, i)
        expect_close(exercise.LinearFn.apply(x, W), x @ W.T, what=f"LinearFn.apply(x, W), x {(n, i)}, W {(o, i)}")


def test_gradients_of_both_inputs(exercise):
    torch.manual_seed(1)
    for n, i, o in SHAPES:
        x = torch.randn(n, i, requires_grad=True)
        W = torch.randn(o, i, requires_grad=True)
        y = exercise.LinearFn.apply(x, W)
        expect_uses_function(y, exercise.LinearFn, "LinearFn.apply(x, W)")
        g = upstream_like(y)
        backward_explained(y, g, "LinearFn.apply(x, W)")
        xd, Wd = x.detach(), W.detach()
        ones = torch.ones(n, o)
        expect_grad(x, g @ Wd, what=f"x.grad, x {(n, i)}, W {(o, i)}",
                    mistakes={"backward ignores grad_out (it uses ones): dLoss/dx = grad_out @ W.": ones @ Wd})
        expect_grad(W, g.T @ xd, what=f"W.grad, x {(n, i)}, W {(o, i)}",
                    mistakes={"backward ignores grad_out (it uses ones): dLoss/dW = grad_out.T @ x.": ones.T @ xd})


def test_gradcheck_float64(exercise):
    torch.manual_seed(2)
    x = torch.randn(4, 3, dtype=torch.float64, requires_grad=True)
    W = torch.randn(2, 3, dtype=torch.float64, requires_grad=True)
    try:
        ok = torch.autograd.gradcheck(exercise.LinearFn.apply, (x, W), raise_exception=False)
    except RuntimeError as exc:
        ok = False
        expect(ok, f"gradcheck could not run backward: {str(exc).splitlines()[0][:200]}",
               hint="return (grad_x, grad_W), each with the shape of its input.")
    expect(ok, "torch.autograd.gradcheck (float64) finds that LinearFn.backward does not match the numerical derivative.")
