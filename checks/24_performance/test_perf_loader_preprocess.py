"""The check's dataset decodes like the exercise's `Decoded` (2 ms of sleep per item, one reused output
buffer) and counts its __getitem__ calls. Measured on the loaded 2-core CI machine: an epoch of 40
items through DataLoader(batch_size=8) takes 85-120 ms from the raw dataset and 1-6 ms from a
preprocessed one; the check asks for a factor 3 (best of three epochs).
"""
import time

import torch
from torch.utils.data import DataLoader, Dataset

from dlings.testing import expect, expect_close, fail


class SlowDecoded(Dataset):
    def __init__(self, n, seed):
        g = torch.Generator().manual_seed(seed)
        self.raw = torch.randint(0, 256, (n, 3, 8, 8), dtype=torch.uint8, generator=g)
        self.labels = torch.randint(0, 4, (n,), generator=g).tolist()
        self.buffer = torch.empty(3, 8, 8)
        self.calls = []

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, i):
        if not 0 <= i < len(self.labels):
            raise IndexError(i)
        self.calls.append(i)
        time.sleep(0.002)
        self.buffer.copy_(self.raw[i]).div_(255)
        return self.buffer, self.labels[i]


def _make(exercise, n, seed, what):
    data = SlowDecoded(n, seed)
    made = exercise.Preprocessed(data)
    calls = sorted(data.calls)
    if calls != list(range(n)):
        if not calls:
            hint = ("Preprocessed(dataset) read nothing when it was made: read every dataset[i] in __init__ and keep "
                    "the results (reading them on first use still pays the slow decoding in the first epoch).")
        elif len(set(calls)) < len(calls):
            hint = "each index must be read once: keep what dataset[i] returned instead of asking again."
        else:
            hint = "read dataset[i] for every i in range(len(dataset)) in __init__."
        shown = f"for the indices {calls[:12]}{'...' if len(calls) > 12 else ''}" if calls else "0 times"
        fail(f"{what} called dataset[i] {shown} while it was made; expected once for each of 0..{n - 1}.", hint=hint)
    return data, made


def _items(made, data, n, what):
    try:
        length = len(made)
    except TypeError as exc:
        fail(f"len() of {what} failed: {exc}", hint="define __len__ to return the number of samples.")
    expect(length == n, f"len({what}) is {length}; the dataset has {n} samples.")
    images, labels = [], []
    for i in range(n):
        item = made[i]
        expect(isinstance(item, (tuple, list)) and len(item) == 2,
               f"item {i} of {what} is {type(item).__name__} {str(item)[:60]}; the same (image, label) pair "
               "as dataset[i] is expected.", hint="keep the labels too, and return (image, label).")
        image, label = item
        expect(isinstance(image, torch.Tensor), f"item {i} of {what} has an image of type {type(image).__name__}.")
        if isinstance(label, torch.Tensor) and label.numel() == 1:
            label = label.item()
        images.append(image)
        labels.append(label)
    expected = data.raw.float() / 255
    got = torch.stack([im.detach().float().reshape(3, 8, 8) for im in images])
    last = expected[-1].expand_as(expected)
    expect_close(got, expected, what=f"the images of {what}, stacked", atol=1e-6,
                 mistakes={"every image is the LAST sample: the dataset returns one reused buffer, overwritten by "
                           "each call, and every stored item points at it. Store a copy made right after each "
                           "call (image.clone()): stacking the kept references at the end is too late.": last})
    expect(labels == data.labels, f"the labels of {what} are {labels[:8]}...; expected {data.labels[:8]}...")


def test_reads_once_and_serves_from_memory(exercise):
    for n, seed in [(40, 0), (1, 1)]:
        what = f"Preprocessed(dataset) for a dataset of {n} slow samples"
        data, made = _make(exercise, n, seed, what)
        _items(made, data, n, what)
        expect(len(data.calls) == n,
               f"reading the items of {what} called dataset[i] {len(data.calls) - n} more times.",
               hint="__getitem__ should return what __init__ stored, without asking the slow dataset again.")


def test_faster_epochs(exercise):
    what = "Preprocessed(dataset) for a dataset of 40 slow samples"
    data, made = _make(exercise, 40, 2, what)
    epochs = []
    for _ in range(3):
        start = time.perf_counter()
        for _ in DataLoader(made, batch_size=8):
            pass
        epochs.append(time.perf_counter() - start)
    expect(len(data.calls) == 40, f"three epochs over {what} called dataset[i] {len(data.calls) - 40} more times.",
           hint="__getitem__ should return what __init__ stored, without asking the slow dataset again.")
    raw = SlowDecoded(40, 2)
    start = time.perf_counter()
    for _ in DataLoader(raw, batch_size=8):
        pass
    slow = time.perf_counter() - start
    best = min(epochs)
    expect(slow / best >= 3, f"an epoch over {what} took {best * 1e3:.1f} ms; over the raw dataset {slow * 1e3:.1f} ms. "
           "Expected at least 3x faster.", hint="__getitem__ should only index what __init__ prepared.")
