"""data_iterable_stream: a Dataset you can only read in order.

Some data arrives as a stream (the lines of a file too big to load, records
from a socket): no length, no random access. Write CsvStream(text), an
IterableDataset over the lines of a CSV text. Iterating over it yields, for
each line in order, the pair (features, label): every number of the line
but the last as a float32 tensor, and the last as an int. Lines that are
empty (or only spaces) and lines starting with "#" are skipped. Each new
iteration starts again from the first line.

Read: torch.utils.data.IterableDataset (__iter__), Python generators (yield), str.split
"""
import torch
from torch.utils.data import DataLoader, IterableDataset

TEXT = """# x1, x2, label
0.5, 1.5, 0
2.0, -1.0, 1

# a comment in the middle
3.25, 0.0, 1
"""


class CsvStream(IterableDataset):
    def __init__(self, text):
        self.text = text

    def __iter__(self):
        for line in self.text.splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            *features, label = line.split(",")
            yield torch.tensor([float(v) for v in features]), int(label)


if __name__ == "__main__":
    print(list(CsvStream(TEXT)))
    print(next(iter(DataLoader(CsvStream(TEXT), batch_size=2))))
