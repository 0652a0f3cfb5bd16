import torch

from dlings.testing import expect, expect_close, expect_shape, expect_tensor, fail
from support_08_gradient_descent import (accuracy, blob_data, expect_no_data_attribute, expect_no_nn_or_optim,
                                         linear_data, no_nn_or_optim, single_thread)


def mse(pred, target):
    return ((pred - target) ** 2).mean()


def bce(logits, target):
    return (torch.logaddexp(torch.zeros_like(logits), logits) - target * logits).mean()


def _reference(X, y, loss_fn, lr, epochs, bs, seed, *, accumulate=False, same_perm=False):
    n, d = X.shape
    w, b = torch.zeros(d, requires_grad=True), torch.zeros((), requires_grad=True)
    gen = torch.Generator().manual_seed(seed)
    for _ in range(epochs):
        if same_perm:
            gen = torch.Generator().manual_seed(seed)
        perm = torch.randperm(n, generator=gen)
        for start in range(0, n, bs):
            idx = perm[start:start + bs]
            loss_fn(X[idx] @ w + b, y[idx]).backward()
            with torch.no_grad():
                w -= lr * w.grad
                b -= lr * b.grad
            if not accumulate:
                w.grad = b.grad = None
    return w.detach(), b.detach()


def _fit(exercise, *args):
    torch.manual_seed(12345)  # the global RNG in a known state; fit must leave it alone (its own generator only)
    global_state = torch.get_rng_state()
    with no_nn_or_optim(), single_thread():
        result = exercise.fit(*args)
    if not torch.equal(torch.get_rng_state(), global_state):
        fail("fit changed torch's global random state (torch.manual_seed, or torch.randperm/randn without "
             "generator=).",
             hint="shuffle with your own generator only: gen = torch.Generator().manual_seed(seed) and "
                  "torch.randperm(N, generator=gen). Reseeding the global RNG changes the random numbers of "
                  "everything else in the program.")
    if not (isinstance(result, tuple) and len(result) == 2):
        fail(f"fit(...) should return (w, b), got {type(result).__name__}.",
             hint="finish the TODO and `return w, b`." if result is None else None)
    w, b = result
    expect_tensor(w, "w returned by fit")
    expect_tensor(b, "b returned by fit")
    expect(b.numel() == 1, f"b should hold one number; it has shape {tuple(b.shape)}.")
    return w.detach(), b.detach().reshape(())


def test_same_steps_as_reference(exercise):
    X, y = blob_data(45, seed=3)
    args = (X, y, bce, 0.3, 2, 8, 11)
    w, b = _fit(exercise, *args)
    expect_shape(w, (2,), "w returned by fit")
    ref_w, _ = _reference(*args)
    expect_close(w, ref_w, what="w after 2 epochs of fit(..., loss_fn=bce, lr=0.3, batch_size=8, seed=11)",
                 rtol=1e-4, atol=1e-5, mistakes={
                     "gradients accumulated across batches: clear w.grad and b.grad after each update.":
                         _reference(*args, accumulate=True)[0],
                     "every epoch used the same order: make the generator once, before the epoch loop.":
                         _reference(*args, same_perm=True)[0],
                     "fit ignored loss_fn (it used a squared error): call loss_fn(predictions, targets).":
                         _reference(X, y, mse, 0.3, 2, 8, 11)[0],
                 })


def test_linear_regression_reaches_loss_bar(exercise, report):
    X, y, _, _ = linear_data(300, 5, seed=4, noise=0.1)
    w, b = _fit(exercise, X, y, mse, 0.05, 15, 32, 0)
    loss = float(mse(X @ w + b, y))
    report("linear mse", loss)
    expect(loss < 0.03, f"linear regression trained with fit(...) ends at MSE {loss:.4g}; the bar is 0.03 "
           "(the noise alone gives 0.01).")


def test_logistic_regression_reaches_accuracy_bar(exercise, report):
    X, y = blob_data(300, seed=5)
    X_test, y_test = blob_data(500, seed=6)
    w, b = _fit(exercise, X, y, bce, 0.5, 30, 32, 0)
    acc = accuracy(X_test, y_test, w, b)
    report("logistic accuracy", acc)
    expect(acc >= 0.95, f"logistic regression trained with fit(...) gets {acc:.1%} on fresh points; the bar is 95%.",
           hint="does fit use loss_fn, and train b as well as w?")


def test_rules(exercise):
    expect_no_nn_or_optim(exercise)
    expect_no_data_attribute(exercise)
