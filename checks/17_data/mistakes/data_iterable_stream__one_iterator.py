import torch
from torch.utils.data import IterableDataset


class CsvStream(IterableDataset):
    def __init__(self, text):
        rows = []
        for line in text.splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                *features, label = line.split(",")
                rows.append((torch.tensor([float(v) for v in features]), int(label)))
        self.rows = iter(rows)

    def __iter__(self):
        return self.rows
