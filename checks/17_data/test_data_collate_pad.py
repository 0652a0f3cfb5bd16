import torch
from torch.utils.data import DataLoader

from dlings import data
from dlings.testing import expect_close, expect_equal, fail
from support_17_data import describe


def _want(batch):
    lengths = torch.tensor([len(s) for s, _ in batch])
    padded = torch.zeros(len(batch), int(lengths.max()), dtype=torch.long)
    for i, (s, _) in enumerate(batch):
        padded[i, :len(s)] = s
    return padded, lengths, torch.stack([y for _, y in batch])


def _check(out, batch, what):
    if not isinstance(out, tuple) or len(out) != 3:
        fail(f"{what} should return (padded, lengths, labels); got {describe(out)}.")
    padded, lengths, labels = out
    want_padded, want_lengths, want_labels = _want(batch)
    b, t = want_padded.shape
    expect_close(padded, want_padded, f"padded from {what}", mistakes={
        "padded is (T, B): pad_sequence puts time first unless batch_first=True.": want_padded.T,
        "padded to the longest length of the whole data set (20): pad to the longest in this batch.":
            torch.nn.functional.pad(want_padded, (0, 20 - t)) if t < 20 else None,
    })
    expect_close(lengths, want_lengths, f"lengths from {what}", mistakes={
        "the lengths were measured after padding (all equal to T): measure each seq before padding.":
            torch.full((b,), t),
    })
    expect_close(labels, want_labels, f"labels from {what}")


def test_batches_from_a_loader(exercise):
    for task, batch_size in [("last", 4), ("sum", 5), ("last", 1)]:
        ds = data.variable_length(13, min_len=1, max_len=9, task=task, seed=3)
        loader = DataLoader(ds, batch_size=batch_size, collate_fn=exercise.pad_collate)
        for k, out in enumerate(loader):
            batch = [ds[i] for i in range(k * batch_size, min(len(ds), (k + 1) * batch_size))]
            _check(out, batch, f"pad_collate(batch {k} of {batch_size} sequences, task {task!r})")


def test_odd_batches(exercise):
    one = [(torch.tensor([4, 2, 7]), torch.tensor(1))]
    _check(exercise.pad_collate(one), one, "pad_collate([one sequence of length 3])")
    same = [(torch.tensor([1, 2]), torch.tensor(0)), (torch.tensor([3, 4]), torch.tensor(1))]
    _check(exercise.pad_collate(same), same, "pad_collate(two sequences of length 2)")
    first_short = [(torch.tensor([5]), torch.tensor(2.5)), (torch.tensor([1, 2, 3, 4, 5, 6]), torch.tensor(-1.0)),
                   (torch.tensor([9, 9]), torch.tensor(0.0))]
    _check(exercise.pad_collate(first_short), first_short, "pad_collate(lengths 1, 6, 2 with float labels)")
    expect_equal(exercise.pad_collate(first_short)[2].dtype, torch.float32, "the dtype of labels for float labels")
