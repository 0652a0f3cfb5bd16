import torch

from dlings.testing import expect, expect_close, expect_tensor, no_loops

EMPTY = ("a centroid that got no points must stay where it was; the means line gives 0 for it, so keep the old "
         "centroid there (torch.where(counts[:, None] > 0, means, centroids)).")
REBIND = ("`centroids = ...` only rebinds the local name; the caller's tensor never changes. "
          "Write into it: centroids.copy_(...) or centroids[...] = ...")


def _reference(points, centroids):
    assign = torch.cdist(points.double(), centroids.double()).argmin(dim=1)
    k = centroids.shape[0]
    sums = torch.zeros(k, points.shape[1], dtype=torch.float64).index_add_(0, assign, points.double())
    counts = torch.bincount(assign, minlength=k)
    new = torch.where(counts[:, None] > 0, sums / counts.clamp(min=1)[:, None], centroids.double())
    return assign, new.to(points.dtype)


def _data(seed, n, d, k):
    g = torch.Generator().manual_seed(seed)
    centers = torch.randn(k, d, generator=g) * 5
    points = centers[torch.arange(n) % k] + torch.randn(n, d, generator=g)
    init = points[torch.randperm(n, generator=g)[:k]].clone() + 0.5
    return points, init


def _step(exercise, points, centroids, what):
    before = centroids.clone()
    address = centroids.data_ptr()
    want_assign, want_centroids = _reference(points, before)
    assign = expect_tensor(exercise.kmeans_step_(points, centroids), f"the assignments returned by {what}")
    expect_close(assign, want_assign, what=f"the assignments returned by {what}",
                 mistakes={"argmax picks the FARTHEST centroid; the nearest one is the argmin.":
                           lambda: torch.cdist(points, before).argmax(dim=1)})
    expect(centroids.data_ptr() == address, f"{what} moved centroids to new memory.", hint=REBIND)
    expect_close(centroids, want_centroids, what=f"the caller's centroids after {what}", rtol=1e-5, atol=1e-5,
                 mistakes={REBIND: before,
                           EMPTY: lambda: torch.where(torch.bincount(want_assign, minlength=before.shape[0])[:, None]
                                                      > 0, want_centroids, torch.zeros_like(before))})


def test_three_steps(exercise):
    for seed, (n, d, k) in enumerate([(30, 2, 3), (40, 3, 4), (12, 5, 2)]):
        points, centroids = _data(seed, n, d, k)
        for step in range(1, 4):
            _step(exercise, points, centroids, f"kmeans_step_ (n={n}, d={d}, k={k}, step {step})")


def test_empty_cluster_stays_put(exercise):
    points, centroids = _data(7, 20, 2, 3)
    centroids[2] = torch.tensor([1000.0, -1000.0])  # nothing is near this one
    _step(exercise, points, centroids, "kmeans_step_ with a centroid that gets no points")


def test_non_contiguous_inputs(exercise):
    points, centroids = _data(11, 25, 3, 3)
    holder = centroids.t().contiguous().t()  # same values, non-contiguous layout
    _step(exercise, points.t().contiguous().t(), holder, "kmeans_step_ on non-contiguous points and centroids")


def test_no_python_loops(exercise):
    no_loops(exercise.kmeans_step_)
