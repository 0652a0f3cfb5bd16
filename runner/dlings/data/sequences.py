"""Sequences: time series for forecasting, variable-length sequences for padding and packing."""
from __future__ import annotations

import math
from typing import Any, Sequence

import torch
from torch.utils.data import Dataset

from dlings.data._core import Split, check_n, generator


def time_series(length: int = 1000, *, trend: float = 0.01, period: int = 24, amplitude: float = 1.0,
                noise: float = 0.2, split: str = "train", seed: int = 0) -> torch.Tensor:
    """A 1-D float32 series of `length` steps: trend * t + amplitude * sin(2 pi t / period + phase)
    + a weaker second harmonic + noise * N(0, 1). The phase is drawn from the seed (the same for
    every split), the noise from (split, seed). A naive "repeat the last value" forecast leaves the
    seasonal swing as error; a model that sees a full period does much better."""
    check_n(length, "length")
    phase = 2 * math.pi * torch.rand(1, generator=generator("time_series/phase", "train", seed)).item()
    g = generator("time_series", split, seed)
    t = torch.arange(length, dtype=torch.float32)
    angle = 2 * math.pi * t / period + phase
    season = amplitude * (torch.sin(angle) + 0.3 * torch.sin(2 * angle))
    return trend * t + season + noise * torch.randn(length, generator=g)


def forecast_windows(series: torch.Tensor, lookback: int = 48, horizon: int = 1, *, stride: int = 1) -> Split:
    """Sliding windows of a 1-D series: x (N, lookback) the past, y (N, horizon) the values right after.
    Window i starts at i * stride; nothing is shuffled (split by time before windowing)."""
    series = torch.as_tensor(series, dtype=torch.float32).reshape(-1)
    span = lookback + horizon
    if series.numel() < span:
        raise ValueError(f"a series of {series.numel()} steps is shorter than lookback + horizon = {span}")
    windows = series.unfold(0, span, stride)
    return Split(windows[:, :lookback].contiguous(), windows[:, lookback:].contiguous(), name="forecast_windows",
                 info={"lookback": lookback, "horizon": horizon, "stride": stride})


def pad_batch(seqs: Sequence[torch.Tensor], pad_value: float = 0) -> tuple[torch.Tensor, torch.Tensor]:
    """Stack sequences of different lengths (dim 0): (padded (B, T_max, ...), lengths (B,) int64)."""
    lengths = torch.tensor([len(s) for s in seqs], dtype=torch.long)
    padded = torch.nn.utils.rnn.pad_sequence(list(seqs), batch_first=True, padding_value=pad_value)
    return padded, lengths


class SequenceSplit(Dataset):
    """Variable-length sequences with one target each.

    `seqs` a list of 1-D int64 tensors (tokens 1..vocab-1; 0 is kept free for padding), `y` a tensor
    of targets, `lengths` (n,) int64; `split[i] -> (seqs[i], y[i])`; `split.collate` pads a list of
    such items into (padded (B, T), lengths (B,), y (B,)) for a DataLoader's collate_fn."""

    def __init__(self, seqs: list[torch.Tensor], y: torch.Tensor, *, name: str, split: str = "train",
                 classes: list[str] | None = None, info: dict[str, Any] | None = None, pad_value: int = 0):
        self.seqs, self.y = seqs, y
        self.lengths = torch.tensor([len(s) for s in seqs], dtype=torch.long)
        self.name, self.split, self.classes, self.info = name, split, classes, dict(info or {})
        self.pad_value = pad_value

    def __len__(self) -> int:
        return len(self.seqs)

    def __getitem__(self, index: int):
        return self.seqs[index], self.y[index]

    def collate(self, batch: list[tuple[torch.Tensor, torch.Tensor]]):
        seqs, ys = zip(*batch, strict=True)
        padded, lengths = pad_batch(seqs, self.pad_value)
        return padded, lengths, torch.stack(list(ys))

    def padded(self) -> tuple[torch.Tensor, torch.Tensor]:
        """Every sequence at once: (padded (n, T_max), lengths (n,))."""
        return pad_batch(self.seqs, self.pad_value)

    def __repr__(self) -> str:
        return (f"SequenceSplit({self.name!r}, {self.split}, {len(self)} sequences of length "
                f"{int(self.lengths.min())}..{int(self.lengths.max())}, y {tuple(self.y.shape)} {self.y.dtype})")


def variable_length(n: int = 1000, *, min_len: int = 2, max_len: int = 20, vocab: int = 10, task: str = "last",
                    split: str = "train", seed: int = 0) -> SequenceSplit:
    """`n` token sequences with lengths uniform in [min_len, max_len], tokens uniform in 1..vocab-1.

    task "last": y = the last real token (int64, a class in 1..vocab-1): reading the output at the
    padded end instead of at length - 1 (or not packing) loses it; "sum": y = the sum of the tokens
    (float32; padding with zeros is harmless); "mean": y = their mean (float32; averaging over the
    padding is wrong); "length": y = the length (int64)."""
    tasks = ("last", "sum", "mean", "length")
    if task not in tasks:
        raise ValueError(f"task must be one of {', '.join(tasks)}, not {task!r}")
    if not 1 <= min_len <= max_len:
        raise ValueError(f"need 1 <= min_len <= max_len, got {min_len} and {max_len}")
    g = generator(f"variable_length/{task}", split, seed)
    lengths = torch.randint(min_len, max_len + 1, (check_n(n),), generator=g)
    flat = torch.randint(1, vocab, (int(lengths.sum()),), generator=g)
    seqs = [s.clone() for s in torch.split(flat, lengths.tolist())]  # own storage: cheap to send between workers
    ends = lengths.cumsum(0) - 1
    if task == "last":
        y = flat[ends]
    elif task == "length":
        y = lengths.clone()
    else:
        sums = torch.zeros(n).index_add_(0, torch.repeat_interleave(torch.arange(n), lengths), flat.float())
        y = sums if task == "sum" else sums / lengths
    return SequenceSplit(seqs, y, name="variable_length", split=split,
                         info={"task": task, "vocab": vocab, "min_len": min_len, "max_len": max_len})
