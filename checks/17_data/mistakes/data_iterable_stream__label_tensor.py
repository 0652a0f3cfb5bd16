import torch
from torch.utils.data import IterableDataset
class CsvStream(IterableDataset):
    def __init__(self, text):
        self.text = text
    def __iter__(self):
        for line in self.text.splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            v = [float(t) for t in line.split(",")]
            yield torch.tensor(v[:-1]), torch.tensor(int(v[-1]))
