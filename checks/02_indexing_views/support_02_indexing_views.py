"""Small helpers shared by the 02_indexing_views checks."""
import torch

from dlings.testing import expect_close, expect_tensor, fail


def noncontig(t):
    """The same values as `t`, stored with gaps (every other element of a wider tensor): not contiguous."""
    wide = torch.zeros(*t.shape[:-1], t.shape[-1] * 2, dtype=t.dtype) if t.dim() else torch.zeros(2, dtype=t.dtype)
    out = wide[..., ::2]
    out.copy_(t)
    return out


def expect_unchanged(x, before, what, hint):
    """Fail if tensor `x` no longer holds the values of `before` (a clone taken earlier)."""
    expect_close(x, before, what=what, hint=hint)


def expect_tuple_of_tensors(got, n, what):
    """`got` is a tuple/list of n tensors; return it as a tuple."""
    if not isinstance(got, (tuple, list)):
        if isinstance(got, torch.Tensor):
            fail(f"{what} should be {n} separate tensors (a tuple), but it is one tensor of shape {tuple(got.shape)}.",
                 hint="return the pieces as a tuple, e.g. `return a, b`.")
        fail(f"{what} should be a tuple of {n} tensors, but it is {got!r:.80}.",
             hint="finish the TODO and `return` the pieces as a tuple." if got is None else None)
    if len(got) != n:
        fail(f"{what} should have {n} pieces, but it has {len(got)}.",
             hint="torch.split(x, k) makes pieces of SIZE k; torch.chunk(x, n) makes n pieces." if len(got) > n else None)
    for i, piece in enumerate(got):
        expect_tensor(piece, f"piece {i} of {what}")
    return tuple(got)
