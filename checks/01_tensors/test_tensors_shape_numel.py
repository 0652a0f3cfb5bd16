import math

import torch

from dlings.testing import expect_equal, fail
from support_01_tensors import expect_python_int


def test_features_per_sample(exercise):
    for shape in [(32, 3, 28, 28), (4, 10), (2, 5, 7), (6,), (1, 2, 3, 4, 5)]:
        x = torch.zeros(shape)
        what = f"features_per_sample(x) for x of shape {shape}"
        got = exercise.features_per_sample(x)
        expect_python_int(got, what)
        expect_equal(got, math.prod(shape[1:]), what, mistakes={
            "x.numel() counts the whole batch; one sample is x[0] (or the product of shape[1:]).": math.prod(shape),
            "x.shape[1] is only the first dimension after the batch; multiply all of shape[1:].":
                shape[1] if len(shape) > 1 else -1,
            "x.ndim - 1 counts dimensions, not values: use numel().": len(shape) - 1,
        })


def test_count_values(exercise):
    cases = [
        [torch.zeros(3, 4), torch.zeros(4)],
        [torch.zeros(2, 3, 5)],
        [torch.zeros(7), torch.zeros(1, 1), torch.zeros(2, 8)],
        [torch.zeros(5, 2), torch.tensor(3.0)],  # a 0-d tensor (a single number) holds one value
        [],
    ]
    for tensors in cases:
        shapes = [tuple(t.shape) for t in tensors]
        what = f"count_values(tensors) for tensors of shapes {shapes}"
        try:
            got = exercise.count_values(tensors)
        except TypeError as e:
            fail(f"{what} raised TypeError: {e}",
                 hint="len() of a 0-d tensor fails, and len(t) is only the first dimension anyway: use t.numel().")
        expect_python_int(got, what)
        expect_equal(got, sum(t.numel() for t in tensors), what, mistakes={
            "len(t) is only the size of the first dimension; t.numel() counts every value.":
                sum(t.shape[0] if t.dim() else 1 for t in tensors),
            "that counts dimensions (ndim), not values: use t.numel().": sum(t.dim() for t in tensors),
            "that counts the tensors, not their values.": len(tensors),
        })
