from torch.utils.data import DataLoader, IterableDataset, get_worker_info
import torch, itertools
class RangeStream(IterableDataset):
    def __init__(self, start, end):
        self.start, self.end = start, end
    def __iter__(self):
        info = get_worker_info()
        if info is None: return iter(torch.arange(self.start, self.end))
        return iter(torch.arange(self.start + info.id, self.end, info.num_workers))
