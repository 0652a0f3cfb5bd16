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
            values = [float(v) for v in line.split(",")]
            yield torch.tensor(values), int(values[-1])
