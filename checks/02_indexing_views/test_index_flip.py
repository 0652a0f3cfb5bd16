import torch

from dlings.testing import expect_close


def test_reverse_time(exercise):
    torch.manual_seed(0)
    for shape in [(3, 3, 3), (2, 5, 4), (1, 7, 1), (4, 1, 3)]:
        x = torch.randn(shape)
        want = x[:, torch.arange(shape[1] - 1, -1, -1)]
        expect_close(exercise.reverse_time(x), want, what=f"reverse_time(x) for x of shape {shape}", mistakes={
            "you reversed the batch (dim 0); time is dim 1.": torch.flip(x, dims=[0]),
            "you reversed the features (the last dim); time is dim 1.": torch.flip(x, dims=[2]),
            "you reversed more than one dimension: flip only dims=[1].": torch.flip(x, dims=[1, 2]),
            "you returned x unchanged.": x,
        })


def test_input_left_alone(exercise):
    x = torch.arange(24.0).reshape(2, 4, 3)
    exercise.reverse_time(x)
    expect_close(x, torch.arange(24.0).reshape(2, 4, 3), what="the input x after reverse_time(x)",
                 hint="reverse_time changed the caller's tensor; return a new, reversed tensor instead.")
