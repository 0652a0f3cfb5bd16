import torch

from dlings.testing import expect_close, expect_not_calling, forbid_calls, no_loops

BANNED = ["torch.cdist", "torch.pdist", "torch.nn.functional.pairwise_distance"]
WHY = "this exercise is about broadcasting: build the (n, m, d) differences yourself."


def _reference(x, y):
    return ((x.double()[:, None, :] - y.double()[None, :, :]) ** 2).sum(-1).sqrt().to(x.dtype)


def test_pairwise_distances(exercise):
    torch.manual_seed(0)
    # (4, 4) first: with n == m a missing new axis gives numbers instead of an error
    for (n, m, d), dtype in [((4, 4, 3), torch.float64), ((5, 3, 2), torch.float64),
                             ((2, 6, 7), torch.float32), ((1, 3, 1), torch.float32)]:
        x, y = torch.randn(n, d, dtype=dtype), torch.randn(m, d, dtype=dtype) + 1
        with forbid_calls(BANNED, why=WHY):
            got = exercise.pairwise_dist(x, y)
        diff = x[:, None, :] - y[None, :, :]
        expect_close(
            got, _reference(x, y), what=f"pairwise_dist(x, y) for x of shape {(n, d)} and y of shape {(m, d)}",
            rtol=1e-4 if dtype == torch.float32 else 1e-6, atol=1e-4 if dtype == torch.float32 else 1e-6,
            mistakes={
                "these are squared distances: take the square root at the end.": lambda: (diff ** 2).sum(-1),
                "x - y pairs row i with row i only (shape (n, d) or (n,)): give x a new axis, x[:, None, :].":
                    lambda: ((x - y) ** 2).sum(-1).sqrt() if n == m else None,
                "you summed |x - y| (Manhattan distance); Euclidean squares, sums, then takes the root.":
                    lambda: diff.abs().sum(-1),
            },
        )


def test_non_contiguous_inputs(exercise):
    torch.manual_seed(1)
    x = torch.randn(3, 5, dtype=torch.float64).t()   # (5, 3), a transposed view
    y = torch.randn(8, 3, dtype=torch.float64)[::2]  # (4, 3), every other row
    expect_close(exercise.pairwise_dist(x, y), _reference(x, y), rtol=1e-6, atol=1e-6,
                 what="pairwise_dist(x, y) for non-contiguous x (5, 3) and y (4, 3)",
                 mistakes={"these are squared distances: take the square root at the end.":
                           lambda: ((x[:, None, :] - y[None, :, :]) ** 2).sum(-1)})


def test_distance_to_itself_is_zero(exercise):
    # Coinciding points: the distance is exactly 0. The expansion ||x||^2 - 2 x.y + ||y||^2 can round to a tiny
    # negative number there, and its sqrt is NaN. float64, so rounding alone stays far inside the tolerance.
    g = torch.Generator().manual_seed(2)
    x = torch.randn(6, 3, generator=g, dtype=torch.float64) * 3 + 5
    with forbid_calls(BANNED, why=WHY):
        got = exercise.pairwise_dist(x, x)
    expect_close(got, _reference(x, x), rtol=1e-6, atol=1e-6,
                 what="pairwise_dist(x, x) (every point is also in y: the diagonal is 0)",
                 hint="a squared distance that should be 0 came out slightly negative (rounding in "
                      "||x||^2 - 2 x.y + ||y||^2), and sqrt of a negative number is NaN. Subtract the points "
                      "themselves, x[:, None, :] - y[None, :, :], or clamp(min=0) before the sqrt.")


def test_no_loops_or_shortcuts(exercise):
    no_loops(exercise.pairwise_dist)
    expect_not_calling(exercise.pairwise_dist, ["cdist", "pdist", "pairwise_distance"], why=WHY)
