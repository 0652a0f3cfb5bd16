import torch

from dlings.testing import expect_close, no_loops


def test_normalize_per_channel(exercise):
    torch.manual_seed(0)
    # (2, 3, 3, 3) first: H == W == C, so stats on the wrong axis give numbers, not an error
    for shape in [(2, 3, 3, 3), (4, 3, 5, 6), (1, 1, 2, 2), (2, 5, 4, 3)]:
        c = shape[1]
        x = torch.randn(shape) * 4 + 2
        mean, std = torch.randn(c), torch.rand(c) + 0.5
        expect_close(
            exercise.normalize(x, mean, std), (x - mean[:, None, None]) / std[:, None, None],
            what=f"normalize(x, mean, std) for x of shape {shape}",
            mistakes={
                "mean and std of shape (C,) broadcast along the LAST axis (W): reshape them to (C, 1, 1).":
                    lambda: (x - mean) / std,
                "shape (C, 1) lines up with H, not with the channels: you need (C, 1, 1).":
                    lambda: (x - mean[:, None]) / std[:, None],
                "you multiplied by std; normalising divides by it.":
                    lambda: (x - mean[:, None, None]) * std[:, None, None],
            },
        )


def test_no_python_loops(exercise):
    no_loops(exercise.normalize)
