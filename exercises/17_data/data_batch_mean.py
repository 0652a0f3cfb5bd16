"""data_batch_mean: a statistic over a DataLoader, batch by batch.

A DataLoader yields batches; the last one is smaller when the batch size
does not divide the number of samples (unless drop_last=True drops it).
Write dataset_mean(loader): the mean of every x value the loader yields in
one epoch, as a Python float. Batches are pairs (x, y) with x a float tensor
of shape (B, ...); y is not used. Work batch by batch (a real data set does
not fit in memory): keep a running sum and a running count of values. A mean
of the batch means is wrong when the last batch is smaller.

Read: torch.utils.data.DataLoader (batch_size, drop_last), Tensor.sum, Tensor.numel, Tensor.item
"""
import torch
from torch.utils.data import DataLoader, TensorDataset


def dataset_mean(loader):
    # TODO: one pass over the loader, a running sum and a running count
    ...


if __name__ == "__main__":
    x = torch.arange(10.0)
    print(dataset_mean(DataLoader(TensorDataset(x, x), batch_size=4)), "should be", x.mean().item())
