import torch
import torch.nn.functional as F

from dlings.testing import expect_close
from support_01_tensors import expect_dtype_is


def test_one_hot(exercise):
    g = torch.Generator().manual_seed(0)
    for n, c in [(4, 3), (6, 10), (1, 5), (8, 2)]:
        labels = torch.randint(0, c, (n,), generator=g)
        labels[0] = 0  # the largest class is often absent: the table must still have num_classes columns
        if c > 2:
            labels = labels.clamp(max=c - 2)
        what = f"one_hot(labels={labels.tolist()}, num_classes={c})"
        want = torch.eye(c)[labels]
        got = exercise.one_hot(labels.clone(), c)
        expect_close(got, want, what, check_dtype=False, mistakes={
            "the rows and columns are swapped: eye(num_classes)[:, labels] picks columns; pick rows "
            "(one row per label).": torch.eye(c)[:, labels],
            "the table has one column per label instead of one per class: torch.eye(num_classes), not "
            "torch.eye(len(labels)).": lambda: torch.eye(n)[labels.clamp(max=n - 1)],
            "without num_classes, F.one_hot guesses the classes from the largest label present; pass "
            "num_classes.": F.one_hot(labels).float(),
        })
        expect_dtype_is(got, torch.float32, what, {
            torch.int64: "F.one_hot returns int64; losses and matmuls need float32: add .float().",
        })
        expect_close(got, want, what)
