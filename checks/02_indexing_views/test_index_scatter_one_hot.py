import torch

from dlings.testing import expect_close, expect_not_calling, forbid_calls

WHY = "this exercise is about writing it with scatter_; F.one_hot does the whole job."


def reference(labels, c):
    out = torch.zeros(labels.shape[0], c)
    out[torch.arange(labels.shape[0]), labels] = 1.0
    return out


def test_one_hot_values(exercise):
    torch.manual_seed(0)
    for n, c in [(5, 4), (3, 10), (1, 2), (6, 6)]:
        labels = torch.randint(0, max(1, c - 2), (n,))  # the last classes often absent: width must come from num_classes
        with forbid_calls(["torch.nn.functional.one_hot"], why=WHY):
            got = exercise.to_one_hot(labels, c)
        mistakes = {"the width came from the labels (labels.max() + 1); use num_classes: the largest classes may be "
                     "absent from a batch.": reference(labels, int(labels.max()) + 1)}
        if int(labels.max()) < n:
            mistakes["scatter_ along dim 0 writes into row labels[i] of column 0; the classes run along dim 1."] = \
                torch.zeros(n, c).scatter_(0, labels.unsqueeze(1), 1.0)
        expect_close(got, reference(labels, c), what=f"to_one_hot(labels, {c}) for {n} labels", mistakes=mistakes)


def test_does_not_use_one_hot(exercise):
    expect_not_calling(exercise.to_one_hot, ["one_hot"], why=WHY)
