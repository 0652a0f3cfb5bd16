import pytest
import torch
import torch.nn.functional as F

from dlings.testing import expect_not_calling, forbid_calls, no_loops
from support_10_layers import torch_names, compare_forward_backward

BANNED = ["torch.nn.functional.max_pool2d", "torch.nn.functional.avg_pool2d", "torch.max_pool2d",
          "torch.nn.MaxPool2d", "torch.nn.AvgPool2d", "torch.nn.functional.adaptive_max_pool2d",
          "torch.nn.functional.adaptive_avg_pool2d", "torch.nn.functional.unfold",
          "torch.nn.functional.max_pool2d_with_indices"]
WHY = "crop, reshape into tiles and reduce, as the docstring describes."
REFS = {"max_pool2d": F.max_pool2d, "avg_pool2d": F.avg_pool2d}


def cases():
    g = torch.Generator().manual_seed(0)
    yield torch.randn(2, 3, 4, 6, generator=g), 2
    yield torch.randn(1, 2, 7, 5, generator=g), 2                              # odd sizes: crop
    yield torch.randn(2, 4, 9, 6, generator=g).permute(0, 3, 1, 2), 3          # non-contiguous (N, C=6, H=4, W=9)
    yield torch.randn(1, 2, 8, 8, generator=g, dtype=torch.float64), 4


def wrong_grouping(x, k, reduce):
    n, c, h, w = x.shape
    t = x[:, :, : h // k * k, : w // k * k].reshape(n, c, h // k, w // k, k, k)
    return reduce(t, (4, 5))


@pytest.mark.parametrize("name", ["max_pool2d", "avg_pool2d"])
def test_matches_torch(exercise, name):
    fn = getattr(exercise, name)
    red = (lambda t, d: t.amax(dim=d)) if name == "max_pool2d" else (lambda t, d: t.mean(dim=d))
    for x, k in cases():
        def mine(t):
            with forbid_calls(BANNED, why=WHY):
                return fn(t, k)

        mistakes = {"reshape to (N, C, H//k, W//k, k, k) mixes rows of different tiles: the k's must follow "
                    "their own H//k and W//k, i.e. (N, C, H//k, k, W//k, k).": wrong_grouping(x, k, red)}
        mistakes["you reduced over the tile-count dims (2, 4); reduce over the in-tile dims (3, 5)."] = \
            red(x[:, :, : x.shape[2] // k * k, : x.shape[3] // k * k].reshape(
                x.shape[0], x.shape[1], x.shape[2] // k, k, x.shape[3] // k, k), (2, 4))
        if name == "avg_pool2d":
            mistakes["you summed each tile; average pooling divides by k*k (use mean)."] = F.avg_pool2d(x, k) * k * k
        compare_forward_backward(mine, lambda t: REFS[name](t, k), x,
                                 f"{name}(x, {k}) for x of shape {tuple(x.shape)}"
                                 f"{'' if x.is_contiguous() else ' (non-contiguous)'}", mistakes=mistakes)


def test_vectorised(exercise):
    for fn in (exercise._tiles, exercise.max_pool2d, exercise.avg_pool2d):
        no_loops(fn)
        expect_not_calling(fn, torch_names("max_pool2d", "avg_pool2d", "MaxPool2d", "AvgPool2d", "unfold"), why=WHY)
