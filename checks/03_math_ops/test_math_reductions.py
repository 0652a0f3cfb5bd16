import torch

from dlings.testing import expect_close, fail
from support_03_math_ops import call

SHAPES = [(2, 3), (5, 4), (4, 4), (1, 6), (7, 1)]
# (4, 4) is square: averaging over the wrong dimension still gives the right shape there.


def _scores(shape, seed):
    return torch.randint(0, 101, shape, generator=torch.Generator().manual_seed(seed))


def test_student_averages(exercise):
    for i, shape in enumerate(SHAPES):
        s = _scores(shape, i)
        expect_close(
            call(exercise.student_averages, s), s.float().mean(dim=1),
            what=f"student_averages(scores) for scores of shape {shape}",
            mistakes={
                "you averaged over dim 0 (over the students); each student's tests are along dim 1.": s.float().mean(dim=0),
                "that is the sum, not the mean.": s.float().sum(dim=1),
                "integer division (//) dropped the fractions: convert to float before dividing.": s.sum(dim=1) // s.shape[1],
                "mean() without dim= averages the whole table into one number.": s.float().mean(),
            },
        )


def test_best_per_test(exercise):
    for i, shape in enumerate(SHAPES):
        s = _scores(shape, 10 + i)
        got = call(exercise.best_per_test, s)
        if isinstance(got, tuple) and hasattr(got, "values"):
            fail(f"best_per_test(scores) returned the pair {type(got).__name__}(values=..., indices=...), not a tensor.",
                 hint="max(dim=...) gives both the maxima and where they are: take `.values` "
                      "(or use torch.amax, which returns the values only).")
        expect_close(
            got, s.max(dim=0).values,
            what=f"best_per_test(scores) for scores of shape {shape}",
            mistakes={
                "you took the maximum over dim 1 (each student's best); the best of each test is over dim 0.": s.max(dim=1).values,
                "those are the indices (argmax: which student), not the scores.": s.argmax(dim=0),
                "max() without dim= gives one number for the whole table.": s.max(),
            },
        )
