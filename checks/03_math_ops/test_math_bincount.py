import torch
import torch.nn.functional as F

from dlings.testing import expect_close, expect_dtype, expect_shape, expect_tensor, fail, no_loops


def reference(target, pred, c):
    cm = torch.zeros(c, c, dtype=torch.int64)
    cm.index_put_((target, pred), torch.ones_like(target), accumulate=True)
    return cm


def test_confusion_matrix(exercise):
    g = torch.Generator().manual_seed(0)
    for n, c in [(50, 4), (7, 3), (1, 5), (200, 10), (0, 3), (12, 1)]:
        high = max(1, c - 1)  # the last class never appears: the matrix must still be (c, c)
        target = torch.randint(0, high, (n,), generator=g)
        pred = torch.where(torch.rand(n, generator=g) < 0.6, target, torch.randint(0, high, (n,), generator=g))
        what = f"confusion_matrix(target, pred, {c}) for {n} samples"
        k = int((target * c + pred).max()) + 1 if n else 0
        short = f"{k} counts instead of {c * c}" if n else "no counts for 0 samples"
        try:
            got = exercise.confusion_matrix(target.clone(), pred.clone(), c)
        except RuntimeError as e:
            if "is invalid for input of size" not in str(e):
                raise
            fail(f"{what} raised RuntimeError: {e}",
                 hint=f"bincount without minlength stops at the largest value present ({short}), so the counts "
                      "cannot be viewed as (C, C). Pass minlength=num_classes * num_classes.")
        got = expect_tensor(got, what)
        want = reference(target, pred, c)
        expect_shape(got, (c, c), what, hint=(
            f"bincount without minlength stops at the largest value present ({short}): the classes absent from "
            f"this batch are missing. Pass minlength=num_classes * num_classes." if got.numel() != c * c else None))
        expect_dtype(got, torch.int64, what, hint="counts are whole numbers: bincount gives int64, and so does a "
                                                  "one-hot product of int64 tensors (no .float()).")
        expect_close(got, want, what, mistakes={
            "rows and columns are swapped: cm[i, j] counts TRUE class i predicted as j, so the pair becomes "
            "target * num_classes + pred.": want.T,
            "cm[target, pred] += 1 writes each repeated (target, pred) pair once instead of counting it: an indexed "
            "write does not accumulate (as in index_scatter_add). bincount counts.": (
                lambda: torch.zeros(c, c, dtype=torch.int64).index_put_((target, pred), torch.tensor(1))),
        })


def test_no_python_loops(exercise):
    no_loops(exercise.confusion_matrix, instead="torch.bincount(target * num_classes + pred, "
                                                "minlength=num_classes ** 2).view(num_classes, num_classes)")
