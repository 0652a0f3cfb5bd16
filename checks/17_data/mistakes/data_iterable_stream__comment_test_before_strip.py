import torch
from torch.utils.data import DataLoader, IterableDataset
TEXT = """# x1, x2, label
0.5, 1.5, 0
"""
class CsvStream(IterableDataset):
    def __init__(self, text): self.text = text
    def __iter__(self):
        for line in self.text.splitlines():
            if line.startswith("#"): continue
            line = line.strip()
            if not line: continue
            *f, l = line.split(",")
            yield torch.tensor([float(v) for v in f]), int(l)
