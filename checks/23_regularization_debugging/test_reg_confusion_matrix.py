import torch

from dlings.testing import expect, expect_close, expect_dtype, expect_shape, expect_tensor, fail
from support_23_regularization_debugging import close


def ref_cm(pred, target, c):
    cm = torch.zeros(c, c, dtype=torch.int64)
    for t, p in zip(target.tolist(), pred.tolist()):
        cm[t, p] += 1
    return cm


def ref_bal(cm):
    rows = cm.sum(1)
    return (cm.diagonal()[rows > 0].double() / rows[rows > 0]).mean().item()


def cm_cases():
    # hand-written: target [0 0 0 1 1 2], pred [0 1 0 1 2 2] -> rows 0: [2 1 0], 1: [0 1 1], 2: [0 0 1]
    yield "pred [0, 1, 0, 1, 2, 2], target [0, 0, 0, 1, 1, 2], num_classes=3", \
        torch.tensor([0, 1, 0, 1, 2, 2]), torch.tensor([0, 0, 0, 1, 1, 2]), 3
    yield "pred and target where the last class (4) never occurs, num_classes=5", \
        torch.tensor([0, 3, 3, 1, 2, 0, 1]), torch.tensor([0, 3, 2, 1, 2, 1, 1]), 5
    yield "one sample, num_classes=2", torch.tensor([1]), torch.tensor([0]), 2
    g = torch.Generator().manual_seed(0)
    t = torch.randint(0, 6, (200,), generator=g)
    p = torch.where(torch.rand(200, generator=g) < 0.6, t, torch.randint(0, 6, (200,), generator=g))
    yield "random pred, target (200,), num_classes=6", p, t, 6


def test_confusion_matrix(exercise):
    for what, pred, target, c in cm_cases():
        call = f"confusion_matrix(pred, target, {c}) for {what}"
        got = expect_tensor(exercise.confusion_matrix(pred.clone(), target.clone(), c), call)
        expect_shape(got, (c, c), call, hint="one row and one column per class, num_classes of each, even for "
                     "classes that never occur (torch.bincount's minlength).")
        expect_dtype(got, torch.int64, call)
        want = ref_cm(pred, target, c)
        expect_close(got, want, what=call, mistakes={
            "the matrix is transposed: rows are the TRUE class, columns the PREDICTED class (cm[target, pred]).":
                want.T})


def test_balanced_accuracy(exercise):
    cases = [
        # 8 / 3 / 1 samples, the lazy model always answers 0; class 3 absent -> mean of recalls 1, 0, 0
        ("the lazy model's matrix [[8,0,0,0],[3,0,0,0],[1,0,0,0],[0,0,0,0]]",
         torch.tensor([[8, 0, 0, 0], [3, 0, 0, 0], [1, 0, 0, 0], [0, 0, 0, 0]]), 1 / 3),
        ("[[2,1,0],[0,1,1],[0,0,1]]", torch.tensor([[2, 1, 0], [0, 1, 1], [0, 0, 1]]), (2 / 3 + 1 / 2 + 1) / 3),
        ("[[0,5],[0,5]] (a column of zeros is fine)", torch.tensor([[0, 5], [0, 5]]), 0.5),
        # class 2 is predicted once but never true: its row is zeros, so it is left out -> (2/4 + 3/3) / 2
        ("[[2,1,1],[0,3,0],[0,0,0]] (class 2 predicted but never true)",
         torch.tensor([[2, 1, 1], [0, 3, 0], [0, 0, 0]]), 0.75),
    ]
    g = torch.Generator().manual_seed(1)
    for what, pred, target, c in cm_cases():
        cases.append((f"the matrix of {what}", ref_cm(pred, target, c), None))
    for what, cm, want in cases:
        want = ref_bal(cm) if want is None else want
        call = f"balanced_accuracy(cm) for {what}"
        got = exercise.balanced_accuracy(cm.clone())
        if got is None:
            fail(f"{call} returned None.", hint="finish the TODO and return a Python float.")
        if isinstance(got, torch.Tensor):
            fail(f"{call} returned a tensor; return a Python float (.item()).")
        expect(isinstance(got, (float, int)), f"{call} should be a Python float, got {type(got).__name__} {got!r}.")
        if close(got, want):
            continue
        rows, cols = cm.sum(1).double(), cm.sum(0).double()
        diag = cm.diagonal().double()
        guesses = {
            "classes with no true samples must be left out of the mean; yours counted them (as 0 or NaN).":
                [(diag / rows.clamp(min=1)).mean().item(), float("nan")],
            "that is the plain accuracy (trace / total); balanced accuracy is the MEAN of the per-class recalls.":
                [(diag.sum() / cm.sum()).item()],
            "you divided by the column totals (precision per class); recall divides by the ROW totals "
            "(the true samples of each class).":
                [(diag[cols > 0] / cols[cols > 0]).mean().item(), (diag / cols).nanmean().item()],
        }
        cause = " Or: ".join(k for k, vs in guesses.items() if any(close(got, v) for v in vs)) or None
        fail(f"{call}: expected {want:.6g}, got {got:.6g}.", hint=cause)
