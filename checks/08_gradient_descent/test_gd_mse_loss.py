import torch

from dlings.testing import expect_close, expect_grad, expect_shape, expect_tensor, fail
from support_08_gradient_descent import expect_no_nn_or_optim, no_nn_or_optim


def _case(n, d, seed):
    g = torch.Generator().manual_seed(seed)
    X = torch.randn(n, d, generator=g)
    y = torch.randn(n, 1, generator=g)
    w = torch.randn(d, generator=g).requires_grad_()
    b = torch.randn((), generator=g).requires_grad_()
    return X, y, w, b


def test_value_and_shape(exercise):
    for n, d, seed in [(8, 3, 0), (5, 1, 1), (20, 4, 2)]:
        X, y, w, b = _case(n, d, seed)
        with no_nn_or_optim():
            loss = exercise.mse_loss(X, y, w, b)
        if isinstance(loss, float):
            fail("mse_loss returned a Python float: .item() (or float()) cut it off the graph.",
                 hint="return the 0-dim tensor itself, so loss.backward() can reach w and b.")
        expect_tensor(loss, f"mse_loss(X, y, w, b) with N={n}, D={d}")
        r = (X @ w + b).detach() - y[:, 0]
        expect_shape(loss, (), f"mse_loss(X, y, w, b) with N={n}, D={d}",
                     hint="the loss must be one number: take the mean over all samples.")
        expect_close(loss, (r ** 2).mean(), what=f"mse_loss(X, y, w, b) with N={n}, D={d}",
                     mistakes={
                         "(N,) minus (N, 1) broadcast to an (N, N) matrix: flatten y (y.squeeze(1)) or "
                         "make the prediction (N, 1) first.": ((X @ w + b).detach()[None, :] - y).pow(2).mean(),
                         "you summed the squared errors; the *mean* divides by N.": (r ** 2).sum(),
                         "the square is missing (or you took abs): square the residuals.": r.abs().mean(),
                     })


def test_gradients_reach_w_and_b(exercise):
    for n, d, seed in [(8, 3, 3), (12, 2, 4)]:
        X, y, w, b = _case(n, d, seed)
        loss = exercise.mse_loss(X, y, w, b)
        if loss.grad_fn is None:
            fail("the loss has no grad_fn: it is not connected to w and b.",
                 hint="do not detach, use .data, or compute under torch.no_grad().")
        loss.backward()
        r = (X @ w + b).detach() - y[:, 0]
        expect_grad(w, 2 * X.T @ r / n, what=f"w.grad after mse_loss(...).backward(), N={n}, D={d}")
        expect_grad(b, 2 * r.mean(), what=f"b.grad after mse_loss(...).backward(), N={n}, D={d}")


def test_no_nn_or_optim(exercise):
    expect_no_nn_or_optim(exercise)
