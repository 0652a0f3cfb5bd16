"""perf_hidden_syncs: no value-dependent shapes in the hot path.

.item() is not the only host sync. An op whose OUTPUT SHAPE depends on
the values (x[mask] with a bool mask, torch.nonzero, torch.masked_select,
torch.unique) must wait for the GPU to learn how big its result is. Ops
whose shapes follow from the input shapes (torch.where, sums, products)
never wait. A test without a GPU: such code also fails on "meta" tensors,
which have shapes but no values.

Write `masked_row_mean(x, mask)`: for x of shape (N, D) and a bool mask of
the same shape, the mean of each row's entries where mask is True: a
tensor of shape (N,), x's dtype and device; 0 for a row with no True
entry. Entries where mask is False may hold anything, inf and nan
included, and must not change the result. No value may be read back.

Read: torch.where, torch.Tensor.sum (dim), torch.clamp,
torch.cuda.set_sync_debug_mode
"""
import torch


def masked_row_mean(x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    total = torch.where(mask, x, 0).sum(dim=1)
    count = mask.sum(dim=1).clamp(min=1)
    return total / count


if __name__ == "__main__":
    x = torch.tensor([[1.0, 2.0, float("nan")], [4.0, 5.0, 6.0]])
    mask = torch.tensor([[True, True, False], [False, False, False]])
    print(masked_row_mean(x, mask))  # tensor([1.5000, 0.0000])
