import torch
from torch.utils.data import Dataset


class CsvStream(Dataset):
    def __init__(self, text):
        self.rows = []
        for line in text.splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                *features, label = line.split(",")
                self.rows.append((torch.tensor([float(v) for v in features]), int(label)))

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, i):
        return self.rows[i]
