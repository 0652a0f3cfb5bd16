import math

import torch
from torch import nn

from dlings.testing import expect, expect_close, expect_equal, expect_tensor, fail, no_loops


def ref_cm(p, t, k):
    return torch.bincount(t * k + p, minlength=k * k).reshape(k, k)


def test_confusion_matrix_by_hand(exercise):
    preds = torch.tensor([0, 1, 1, 2, 0, 2, 2])
    targets = torch.tensor([0, 1, 2, 2, 1, 2, 0])
    want = torch.tensor([[1, 0, 1, 0], [1, 1, 0, 0], [0, 1, 2, 0], [0, 0, 0, 0]])
    got = expect_tensor(exercise.confusion_matrix(preds, targets, 4), "confusion_matrix(preds, targets, 4)")
    expect_equal(tuple(got.shape), (4, 4), "confusion_matrix(preds, targets, 4).shape",
                 hint="class 3 never occurs but still gets a row and a column: bincount(..., minlength=k * k).")
    expect_close(got, want, "confusion_matrix(preds, targets, 4) for preds [0, 1, 1, 2, 0, 2, 2] and targets "
                 "[0, 1, 2, 2, 1, 2, 0]", mistakes={
                     "rows are the TRUE classes and columns the predictions: [i, j] counts truth i predicted as j.":
                         want.T.contiguous()})
    g = torch.Generator().manual_seed(0)
    for n, k in [(500, 6), (1, 3), (50, 10)]:
        t = torch.randint(0, k, (n,), generator=g)
        p = torch.where(torch.rand(n, generator=g) < 0.6, t, torch.randint(0, k, (n,), generator=g))
        got = exercise.confusion_matrix(p, t, k)
        expect_close(got, ref_cm(p, t, k), f"confusion_matrix on {n} random predictions, {k} classes",
                     mistakes={"rows are the TRUE classes and columns the predictions.": ref_cm(t, p, k)})
        expect_equal(int(got.sum()), n, "the sum of the confusion matrix (every sample counted once)")
    no_loops(exercise.confusion_matrix)


def test_per_class_accuracy(exercise):
    cm = torch.tensor([[3, 1, 0], [2, 2, 4], [0, 0, 0]])
    got = expect_tensor(exercise.per_class_accuracy(cm), "per_class_accuracy(cm)")
    want = torch.tensor([0.75, 0.25, float("nan")])
    expect(got.dtype == torch.float32, f"per_class_accuracy returned {got.dtype}; it should be float32.",
           hint="float64 (.double(), or a float64 tensor in the division) is not float32: use .float()."
           if got.dtype == torch.float64 else "integer division floors to 0: turn the counts into floats first "
           "(.float()).")
    expect_close(got, want, "per_class_accuracy(cm) for cm [[3, 1, 0], [2, 2, 4], [0, 0, 0]]", equal_nan=True,
                 mistakes={
                     "that divides by the COLUMN sums (how often each class was predicted: precision); accuracy per "
                     "class divides by the row sums (how many samples each class has).": torch.tensor([0.6, 2 / 3,
                                                                                                       0.0]),
                     "a class with no samples has no accuracy: 0 / 0 is nan (do not clamp the count to 1).":
                         torch.tensor([0.75, 0.25, 0.0]),
                 })


def test_evaluate_on_a_model(exercise):
    torch.manual_seed(0)
    model = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(), nn.AdaptiveAvgPool2d(1),
                          nn.Flatten(), nn.Dropout(0.5), nn.Linear(8, 5))
    with torch.no_grad():
        model[1].running_mean.uniform_(-1, 1)
        model[1].running_var.uniform_(0.2, 3)
    model.train()
    x, y = torch.randn(200, 3, 8, 8), torch.randint(0, 5, (200,))
    with torch.no_grad():
        model.eval()
        eval_preds = model(x).argmax(1)
        model.train()
    grad_modes = []
    handle = model.register_forward_hook(lambda m, a, out: grad_modes.append(torch.is_grad_enabled()))
    try:
        got = expect_tensor(exercise.evaluate(model, x, y, 5), "evaluate(model, x, y, 5)")
    finally:
        handle.remove()
    expect(grad_modes, "evaluate(model, x, y, 5) never called the model.", hint="compute model(x) inside evaluate.")
    if any(grad_modes):
        fail("evaluate(model, x, y, 5) ran the model with gradient recording on: autograd kept a graph of the "
             "whole forward pass (memory and time) that nobody uses.",
             hint="wrap the forward pass in `with torch.no_grad():` (argmax alone does not turn recording off).")
    if got.requires_grad:
        fail("evaluate(...) returned a tensor that requires grad.", hint="run the model inside torch.no_grad().")
    expect_close(got, ref_cm(eval_preds, y, 5), "evaluate(model, x, y, 5) (a model with BatchNorm and Dropout)",
                 hint="call model.eval() first: in train mode Dropout zeroes random features and BatchNorm uses "
                      "the batch's statistics, so the predictions are not the model's.")
