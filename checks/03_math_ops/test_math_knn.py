import torch

from dlings.testing import expect_close, expect_not_calling, forbid_calls, no_loops
from support_03_math_ops import call

WHY = "build the distances yourself (broadcasting, or norms and a matrix product)."


def _knn_reference(train_x, train_y, test_x, k, c, *, largest=False, skip_first=False):
    """A plain loop over test points: easy to trust."""
    out = []
    for point in test_x:
        d = ((train_x - point) ** 2).sum(dim=1)
        order = d.argsort(descending=largest)
        nearest = order[1:k + 1] if skip_first else order[:k]
        votes = torch.bincount(train_y[nearest], minlength=c)
        out.append(int(votes.argmax()))   # first maximum: smallest label wins ties
    return torch.tensor(out)


def _votes_over_dim0(train_x, train_y, test_x, k, c):
    d2 = ((test_x[:, None, :] - train_x[None, :, :]) ** 2).sum(-1)
    nearest = d2.argsort(dim=1)[:, :k]
    return torch.nn.functional.one_hot(train_y[nearest], c).sum(dim=0).argmax(dim=1)


def _cases():
    g = torch.Generator().manual_seed(0)
    # (N, D, M, k, classes); k even in some cases so that ties happen
    for n, d, m, k, c in [(20, 2, 8, 3, 3), (30, 4, 10, 4, 4), (12, 3, 6, 1, 2), (25, 5, 9, 6, 5), (16, 2, 7, 16, 3)]:
        centers = torch.randn(c, d, generator=g, dtype=torch.float64) * 2
        train_y = torch.randint(0, c, (n,), generator=g)
        train_x = centers[train_y] + torch.randn(n, d, generator=g, dtype=torch.float64)
        test_x = torch.randn(d, m, generator=g, dtype=torch.float64).T * 2   # non-contiguous on purpose
        yield train_x, train_y, test_x, k, c


def test_knn_predict(exercise):
    for train_x, train_y, test_x, k, c in _cases():
        want = _knn_reference(train_x, train_y, test_x, k, c)
        with forbid_calls(["torch.cdist"], why=WHY):
            got = call(exercise.knn_predict, train_x, train_y, test_x, k, c)
        expect_close(
            got, want,
            what=f"knn_predict(...) with {len(train_x)} training points, {len(test_x)} test points, k={k}, {c} classes",
            mistakes={
                "topk picked the k LARGEST distances (the farthest points): pass largest=False.":
                    lambda: _knn_reference(train_x, train_y, test_x, k, c, largest=True),
                "off by one: the nearest training point was skipped. Nothing here is in both sets: keep the first one.":
                    lambda: _knn_reference(train_x, train_y, test_x, k, c, skip_first=True),
                "the votes were summed over dim 0 (across test points); count each test point's k neighbours (dim=1), "
                "giving (M, num_classes).": lambda: _votes_over_dim0(train_x, train_y, test_x, k, c),
                "only the single nearest neighbour voted; use all k.":
                    lambda: _knn_reference(train_x, train_y, test_x, 1, c),
            },
        )


def test_no_loops(exercise):
    no_loops(exercise.knn_predict)


def test_no_cdist(exercise):
    expect_not_calling(exercise.knn_predict, ["cdist", "pairwise_distance"], why=WHY)
