import torch
from torch.utils import benchmark

from dlings.testing import expect, expect_close, expect_not_calling, expect_tensor, forbid_calls, no_loops

WHY = "build the (n, m, d) differences by broadcasting, as in bcast_pairwise_dist."


def _rbf_loop(x, y, gamma):
    out = torch.empty(x.shape[0], y.shape[0], dtype=x.dtype)
    for i in range(x.shape[0]):
        for j in range(y.shape[0]):
            out[i, j] = torch.exp(-gamma * ((x[i] - y[j]) ** 2).sum())
    return out


def test_same_matrix_as_the_loop(exercise):
    torch.manual_seed(0)
    for (n, m, d), gamma in [((5, 5, 3), 0.5), ((4, 7, 2), 2.0), ((6, 3, 5), 0.1), ((1, 4, 1), 1.0)]:
        x = torch.randn(n, d, dtype=torch.float64)
        y = torch.randn(m, d, dtype=torch.float64)
        with forbid_calls(["torch.cdist"], why=WHY):
            got = exercise.rbf_fast(x, y, gamma)
        diff = x[:, None, :] - y[None, :, :]
        expect_close(
            got, _rbf_loop(x, y, gamma), what=f"rbf_fast(x, y, {gamma}) for x {(n, d)} and y {(m, d)}",
            rtol=1e-7, atol=1e-9,
            mistakes={
                "the kernel uses the SQUARED distance: exp(-gamma * sum of squared differences), no square root.":
                    lambda: torch.exp(-gamma * (diff ** 2).sum(-1).sqrt()),
                "the minus sign is missing: exp(-gamma * ...).": lambda: torch.exp(gamma * (diff ** 2).sum(-1)),
                "gamma multiplies the squared distance; you divided by it.":
                    lambda: torch.exp(-(diff ** 2).sum(-1) / gamma),
            },
        )


def test_no_loops(exercise):
    no_loops(exercise.rbf_fast)
    expect_not_calling(exercise.rbf_fast, ["cdist"], why=WHY)


def test_at_least_ten_times_faster(exercise):
    torch.manual_seed(1)
    x, y = torch.randn(12, 3), torch.randn(15, 3)
    expect_tensor(exercise.rbf_fast(x, y, 0.5), "rbf_fast(x, y, 0.5)")

    def median(f, number):
        return benchmark.Timer("f(x, y, 0.5)", globals={"f": f, "x": x, "y": y}).timeit(number).median

    slow = median(_rbf_loop, 3)
    fast = median(exercise.rbf_fast, 2)  # a slow answer fails here without costing much time
    if slow / fast >= 10:
        fast = min(fast, median(exercise.rbf_fast, 20))
    ratio = slow / fast
    expect(ratio >= 10, f"rbf_fast runs only {ratio:.1f} times as fast as the double loop on 12 x 15 points "
           f"(loop {slow * 1e6:.0f} us, yours {fast * 1e6:.0f} us); at least 10x is expected.",
           hint="no Python-level work per element: one broadcast expression over the whole (n, m, d) block.")
