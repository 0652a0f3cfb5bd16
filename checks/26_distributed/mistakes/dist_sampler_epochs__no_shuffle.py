"""dist_sampler_epochs: DistributedSampler in a training loop, epoch after epoch.

Every rank of a data-parallel job runs the same training loop on the same
data set; a DistributedSampler gives each rank its own share of it. Write
epoch_orders(dataset, num_replicas, rank, epochs, batch_size, seed=0): run
the epoch loop of rank `rank` (of num_replicas) for `epochs` epochs, with a
DataLoader of batch_size over a DistributedSampler(shuffle=True, seed=seed),
and return one list per epoch: the samples this rank's loader yields, in
order, as Python ints (the check's data set holds each sample's own index).
In every epoch the ranks' shares must be disjoint (apart from the padding
that evens them out) and cover the data set, and the order must change from
one epoch to the next: a loop that trains on the same order every epoch
learns worse. The sampler only reshuffles if it is told which epoch it is.

Read: torch.utils.data.distributed.DistributedSampler (set_epoch), torch.utils.data.DataLoader (sampler)
"""
from torch.utils.data import DataLoader, DistributedSampler


def epoch_orders(dataset, num_replicas, rank, epochs, batch_size, seed=0):
    sampler = DistributedSampler(dataset, num_replicas=num_replicas, rank=rank, shuffle=False, seed=seed)
    loader = DataLoader(dataset, batch_size=batch_size, sampler=sampler)
    orders = []
    for epoch in range(epochs):
        sampler.set_epoch(epoch)
        orders.append([int(i) for batch in loader for i in batch])
    return orders


if __name__ == "__main__":
    for rank in range(2):
        print("rank", rank, epoch_orders(list(range(10)), 2, rank, epochs=3, batch_size=4))
