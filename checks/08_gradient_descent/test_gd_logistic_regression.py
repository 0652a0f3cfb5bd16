import torch

from dlings.testing import expect, expect_shape, expect_tensor, fail
from support_08_gradient_descent import (accuracy, blob_data, expect_no_data_attribute, expect_no_nn_or_optim,
                                         no_nn_or_optim, single_thread)


def test_reaches_95_percent_on_fresh_points(exercise, report):
    X, y = blob_data(200, seed=0)
    X_test, y_test = blob_data(500, seed=1)
    with no_nn_or_optim(), single_thread():
        result = exercise.train_logistic(X, y)
    if not (isinstance(result, tuple) and len(result) == 2):
        fail(f"train_logistic should return (w, b), got {type(result).__name__}.")
    w, b = result
    expect_tensor(w, "w")
    expect_tensor(b, "b")
    expect_shape(w, (2,), "w")
    expect(b.numel() == 1, f"b should hold one number, it has shape {tuple(b.shape)}.")
    b = b.reshape(())
    acc = accuracy(X_test, y_test, w.detach(), b.detach())
    report("accuracy", acc)
    if acc >= 0.95:
        return
    hint = "more steps, or a larger learning rate (0.5)?"
    if float(b.detach()) == 0.0 and float(w.detach().abs().sum()) == 0.0:
        hint = "w and b are still zeros: write the training loop (the TODO)."
    elif float(b.detach()) == 0.0:
        hint = "b never changed: the bias must be trained too (both classes sit far from the origin)."
    elif float(w.detach().abs().sum()) == 0.0:
        hint = "w never changed: did a .detach() or .data cut w out of the graph?"
    else:
        train_loss = (torch.logaddexp(torch.zeros(()), X @ w.detach() + b.detach()) - y * (X @ w.detach() + b.detach())).mean()
        if train_loss > 0.6931:
            hint = "the loss went UP from its start (log 2): the update must subtract lr * grad."
    fail(f"accuracy on 500 fresh points is {acc:.1%}; the bar is 95%.", hint=hint)


def test_rules(exercise):
    expect_no_nn_or_optim(exercise)
    expect_no_data_attribute(exercise)
