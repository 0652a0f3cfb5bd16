import torch

from dlings.testing import expect_close, expect_not_calling, forbid_calls
from support_01_tensors import expect_dtype_is


# Agrees with index_scatter_one_hot: F.one_hot does the whole job, so neither exercise accepts it.
WHY = ("this exercise builds one-hot rows by indexing torch.eye; F.one_hot is the library's shortcut, "
       "and it skips the lesson.")


def test_one_hot(exercise):
    g = torch.Generator().manual_seed(0)
    for n, c in [(4, 3), (6, 10), (1, 5), (8, 2)]:
        labels = torch.randint(0, c, (n,), generator=g)
        labels[0] = 0  # the largest class is often absent: the table must still have num_classes columns
        if c > 2:
            labels = labels.clamp(max=c - 2)
        what = f"one_hot(labels={labels.tolist()}, num_classes={c})"
        want = torch.eye(c)[labels]
        with forbid_calls(["torch.nn.functional.one_hot"], why=WHY):
            got = exercise.one_hot(labels.clone(), c)
        expect_close(got, want, what, check_dtype=False, mistakes={
            "the rows and columns are swapped: eye(num_classes)[:, labels] picks columns; pick rows "
            "(one row per label).": torch.eye(c)[:, labels],
            "the table has one column per label instead of one per class: torch.eye(num_classes), not "
            "torch.eye(len(labels)).": lambda: torch.eye(n)[labels.clamp(max=n - 1)],
            "the width came from the labels (labels.max() + 1): the largest classes may be absent from a "
            "batch, so take the width from num_classes.": torch.eye(int(labels.max()) + 1)[labels],
        })
        expect_dtype_is(got, torch.float32, what, {
            torch.int64: "the rows are int64; losses and matmuls need float32, which torch.eye gives by "
                         "default: leave out dtype=torch.long (or .long()).",
        })
        expect_close(got, want, what)


def test_does_not_use_f_one_hot(exercise):
    expect_not_calling(exercise.one_hot, ["one_hot"], why=WHY)
