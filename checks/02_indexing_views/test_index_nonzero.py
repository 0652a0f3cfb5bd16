import torch

from dlings.testing import expect_close, expect_shape, expect_tensor, fail, no_loops


def _cases():
    g = torch.Generator().manual_seed(0)
    out = []
    for shape in [(5, 4), (7,), (2, 3, 4), (1, 6)]:
        x = torch.randn(shape, generator=g)
        x[torch.rand(shape, generator=g) < 0.5] = 0.0  # about half the entries are zero, the rest of both signs
        out.append(x)
    x = torch.tensor([[0.0, float("nan"), -1.5], [2.0, 0.0, 0.0]])  # NaN != 0: it counts
    out.append(x)
    out.append(torch.zeros(3, 2))  # nothing: K = 0
    out.append(torch.tensor([[0, 3, 0], [-4, 0, 5]]))  # int64 values
    return out


def _pair(got, what):
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        if got is None:
            fail(f"{what} should return (indices, values), but it returned None.",
                 hint="finish the TODO and `return indices, values`.")
        fail(f"{what} should return two tensors (indices, values), but it returned {type(got).__name__}.",
             hint="return the pair: `return indices, values`.")
    indices, values = got
    if isinstance(indices, (tuple, list)):
        fail(f"indices from {what} should be ONE tensor of shape (K, x.dim()), but it is a {type(indices).__name__} "
             f"of {len(indices)} tensors (one per dimension).",
             hint="torch.nonzero(x, as_tuple=True) (and torch.where(x != 0)) give one tensor per dimension: handy "
                  "for indexing, but the coordinates asked for are rows: torch.nonzero(x), or "
                  "torch.stack(that_tuple, dim=1).")
    return expect_tensor(indices, f"indices from {what}"), expect_tensor(values, f"values from {what}")


def test_sparse_entries(exercise):
    for x in _cases():
        what = f"sparse_entries(x) for x of shape {tuple(x.shape)}"
        if bool(torch.isnan(x).any()):
            what += " holding a NaN"
        want_idx = torch.nonzero(x)
        want_val = x[tuple(want_idx.T)]
        indices, values = _pair(exercise.sparse_entries(x.clone()), what)
        k, d = want_idx.shape
        pos = torch.nonzero(x > 0)
        expect_shape(indices, (k, d), f"indices from {what}", hint=(
            "only the positive entries are there: non-zero means != 0, so negative values count too."
            if tuple(indices.shape) == tuple(pos.shape) and len(pos) != k else
            "the coordinates should be the ROWS (one row per entry, K x x.dim()): torch.nonzero(x) gives that shape; "
            "stacking the as_tuple form along dim 0 gives the transpose." if tuple(indices.shape) == (d, k) and k != d
            else "the entries that count: x != 0 (a NaN is not 0, so it counts)."
            if len(indices.shape) == 2 and indices.shape[1] == d else None))
        expect_close(indices, want_idx, f"indices from {what}", mistakes={
            "only the positive entries are there: non-zero means != 0, so negative values count too.": pos,
        })
        expect_shape(values, (k,), f"values from {what}", hint=(
            "x[indices] indexes dim 0 with the whole (K, x.dim()) tensor; each dimension needs its own index "
            "tensor: x[tuple(indices.T)], or x[indices.unbind(1)]." if values.dim() > 1 else None))
        expect_close(values, want_val, f"values from {what}", equal_nan=True)


def test_no_python_loops(exercise):
    no_loops(exercise.sparse_entries, instead="indices = torch.nonzero(x); values = x[tuple(indices.T)].")
