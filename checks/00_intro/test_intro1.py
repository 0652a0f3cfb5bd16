import torch

from dlings.testing import expect_close


def test_first_tensor(exercise):
    expect_close(
        exercise.first_tensor(),
        torch.tensor([1.0, 2.0, 3.0]),
        what="first_tensor()",
        mistakes={"the numbers are in the wrong order.": torch.tensor([3.0, 2.0, 1.0])},
    )
