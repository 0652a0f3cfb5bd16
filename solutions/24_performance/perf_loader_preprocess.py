"""perf_loader_preprocess: do the slow work once, not every epoch.

A training loop waits for its DataLoader, and a DataLoader is only as fast
as __getitem__. `Decoded` below decodes each sample from raw bytes on every
access: slow, and the same work again every epoch. Its result never
changes, so it can be computed once, up front.

Write the Dataset `Preprocessed(dataset)`: the same samples as `dataset`
(same length, item i equal to dataset[i]), made by calling dataset[i]
once for each index when Preprocessed is created, and never again; later
items come from memory. Mind that `Decoded` writes every sample into ONE
reused buffer (as fast decoders do): the tensor it returns is overwritten
by the next call.

Read: torch.utils.data.Dataset, torch.Tensor.clone, torch.stack
"""
import time

import torch
from torch.utils.data import DataLoader, Dataset


class Preprocessed(Dataset):
    def __init__(self, dataset):
        images, self.labels = [], []
        for i in range(len(dataset)):
            image, label = dataset[i]
            images.append(image.clone())  # the next call overwrites `image`
            self.labels.append(label)
        self.images = torch.stack(images)

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, i):
        return self.images[i], self.labels[i]


class Decoded(Dataset):
    """Sample i: a (3, 8, 8) float image in [0, 1] decoded from bytes (2 ms), and its label."""

    def __init__(self, n=64):
        g = torch.Generator().manual_seed(0)
        self.raw = torch.randint(0, 256, (n, 3, 8, 8), dtype=torch.uint8, generator=g)
        self.labels = torch.randint(0, 4, (n,), generator=g).tolist()
        self.buffer = torch.empty(3, 8, 8)

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, i):
        time.sleep(0.002)  # the slow decoding
        self.buffer.copy_(self.raw[i]).div_(255)
        return self.buffer, self.labels[i]


if __name__ == "__main__":
    for data in (Decoded(), Preprocessed(Decoded())):
        start = time.perf_counter()
        for _ in range(3):
            for images, labels in DataLoader(data, batch_size=16):
                pass
        print(f"{type(data).__name__:12} 3 epochs in {time.perf_counter() - start:.3f} s")
