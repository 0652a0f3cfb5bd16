import torch

from dlings.testing import expect_close, expect_shape


def test_mse_pairs_prediction_i_with_target_i(exercise):
    torch.manual_seed(0)
    for n in [3, 8, 1, 5]:
        pred, target = torch.randn(n, 1), torch.randn(n)
        got = exercise.mse(pred, target)
        expected = ((pred[:, 0] - target) ** 2).mean()
        expect_close(
            got, expected, what=f"mse(pred, target) for pred of shape ({n}, 1) and target of shape ({n},)",
            mistakes={
                "pred - target broadcast (n, 1) against (n,) into an (n, n) matrix: every prediction minus every "
                "target. Squeeze pred to (n,) (or unsqueeze target to (n, 1)) first.":
                    ((pred - target) ** 2).mean(),
                "that is the sum of squared errors; the mean is asked for.": ((pred[:, 0] - target) ** 2).sum(),
                "that is the root of the mean squared error; leave out the sqrt.":
                    ((pred[:, 0] - target) ** 2).mean().sqrt(),
            },
        )


def test_perfect_prediction_is_zero(exercise):
    target = torch.arange(6.0)
    got = exercise.mse(target.unsqueeze(1), target)
    expect_shape(got, (), "mse(pred, target)", hint="reduce to one number with .mean() over all errors.")
    expect_close(got, torch.tensor(0.0), what="mse of a perfect prediction",
                 hint="(n, 1) - (n,) is an (n, n) matrix; pair pred[i] with target[i] only.")
