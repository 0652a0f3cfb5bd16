"""bcast_vectorize_speedup: from a double loop to one expression.

`rbf_loop(x, y, gamma)` builds the RBF kernel matrix
K[i, j] = exp(-gamma * ||x[i] - y[j]||^2) with two Python loops: one small
tensor op per entry, so it crawls. Write `rbf_fast` to give the same matrix
with broadcasting and no Python loops or comprehensions (the check reads
your code), and without torch.cdist.

The check also times both with torch.utils.benchmark and expects yours to be
at least 10x faster (it is usually 100x or more). Run the file to see.

Read: torch.utils.benchmark.Timer, broadcasting semantics.
"""
import torch


def rbf_loop(x: torch.Tensor, y: torch.Tensor, gamma: float) -> torch.Tensor:
    out = torch.empty(x.shape[0], y.shape[0], dtype=x.dtype)
    for i in range(x.shape[0]):
        for j in range(y.shape[0]):
            out[i, j] = torch.exp(-gamma * ((x[i] - y[j]) ** 2).sum())
    return out


def rbf_fast(x: torch.Tensor, y: torch.Tensor, gamma: float) -> torch.Tensor:
    return torch.exp(-gamma * ((x[:, None, :] - y[None, :, :]) ** 2).sum(dim=-1))


if __name__ == "__main__":
    from torch.utils import benchmark
    x, y = torch.randn(30, 3), torch.randn(40, 3)
    for f in (rbf_loop, rbf_fast):
        t = benchmark.Timer("f(x, y, 0.5)", globals={"f": f, "x": x, "y": y}).timeit(5)
        print(f"{f.__name__}: {t.median * 1e6:.0f} us")
