"""data_iterable_shard: every sample once, however many workers.

With num_workers=k, a DataLoader gives each of its k worker processes a copy
of an IterableDataset, and every copy runs __iter__: unless each worker
takes its own share, every sample comes k times. Write RangeStream(start,
end), an IterableDataset of the Python ints start .. end - 1, split between
workers: torch.utils.data.get_worker_info() is None in the main process
(yield every value) and, inside worker w of k (info.id, info.num_workers),
yield every k-th value starting at start + w. Together the workers then
yield each value exactly once, whatever k is.

Read: torch.utils.data.IterableDataset, torch.utils.data.get_worker_info,
      DataLoader (num_workers)
"""
from torch.utils.data import DataLoader, IterableDataset, get_worker_info


class RangeStream(IterableDataset):
    def __init__(self, start, end):
        self.start, self.end = start, end

    def __iter__(self):
        # TODO: which worker am I (if any)? then only my share of the values
        ...

if __name__ == "__main__":
    loader = DataLoader(RangeStream(0, 10), batch_size=2, num_workers=2)
    print([batch.tolist() for batch in loader])
