import torch

from dlings.testing import expect, expect_close
from support_03_math_ops import call, python_float

SHAPES = [(6, 4), (5, 5), (1, 3), (9, 2)]


def test_predict(exercise):
    torch.manual_seed(0)
    for shape in SHAPES:
        logits = torch.randn(shape)
        expect_close(
            call(exercise.predict, logits), logits.argmax(dim=1), what=f"predict(logits) for logits of shape {shape}",
            mistakes={
                "argmax over dim 0 picks, for each class, the best example; each row's best class is over dim 1.":
                    logits.argmax(dim=0),
                "argmax() without dim= returns one index into the flattened tensor.": logits.argmax(),
                "argmin: the smallest score, not the largest.": logits.argmin(dim=1),
                "those are the largest scores (max values), not their indices.": logits.max(dim=1).values,
            },
        )


def test_accuracy(exercise):
    g = torch.Generator().manual_seed(1)
    for shape, n_right in [((10, 4), 7), ((8, 8), 3), ((5, 3), 0), ((4, 6), 4)]:
        logits = torch.randn(shape, generator=g)
        labels = logits.argmax(dim=1)
        wrong = torch.arange(n_right, shape[0])
        labels[wrong] = (labels[wrong] + 1) % shape[1]   # the rows from n_right on are mispredicted
        want = n_right / shape[0]
        got = python_float(call(exercise.accuracy, logits, labels), f"accuracy(logits, labels) for logits of shape {shape}")
        hint = None
        if abs(got - n_right) < 1e-6 and n_right != want:
            hint = "that is the number of correct rows; divide by the batch size for a fraction (or use .mean())."
        expect(abs(got - want) < 1e-6,
               f"accuracy(logits, labels) for logits of shape {shape} is not right.\n"
               f"  expected {want:.4f} ({n_right} of {shape[0]} rows predicted correctly)\n"
               f"  got      {got:.4f}", hint=hint)
