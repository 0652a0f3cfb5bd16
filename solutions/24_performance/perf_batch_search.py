"""perf_batch_search: the largest batch that fits in memory, found by search.

Bigger batches keep a device busier, until a step runs out of memory:
PyTorch then raises torch.OutOfMemoryError ("CUDA out of memory...").
Don't guess the limit, search for it: double the batch size until a step
fails, then bisect between the last size that worked and the first that
failed.

Write `largest_batch(try_step, limit)`: try_step(b) runs one training step
at batch size b and raises torch.OutOfMemoryError when it does not fit
(if b fits, every smaller size fits too). Return the largest b <= limit
that fits, or 0 if not even 1 does, calling try_step at most
2 * ceil(log2(limit)) + 2 times. Any other error is a real bug: let it
propagate (torch.OutOfMemoryError is a RuntimeError, but not every
RuntimeError is running out of memory).

Read: torch.OutOfMemoryError, "CUDA semantics: memory management"
"""
import torch


def fits(try_step, b: int) -> bool:
    try:
        try_step(b)
    except torch.OutOfMemoryError:
        return False
    return True


def largest_batch(try_step, limit: int) -> int:
    good, bad = 0, 1  # good fits (0 always does); bad is the next size to try
    while bad <= limit and fits(try_step, bad):  # double until a step fails
        good, bad = bad, bad * 2
    bad = min(bad, limit + 1)  # limit + 1 is never tried: it stands for "too big"
    while bad - good > 1:  # bisect: good fits, bad does not
        middle = (good + bad) // 2
        if fits(try_step, middle):
            good = middle
        else:
            bad = middle
    return good


if __name__ == "__main__":
    model = torch.nn.Sequential(torch.nn.Linear(512, 2048), torch.nn.ReLU(), torch.nn.Linear(2048, 10))

    def try_step(b):
        if b * 512 * 4 * 6 > 64 * 2**20:  # pretend the device has 64 MiB
            raise torch.OutOfMemoryError(f"out of memory at batch size {b}")
        model(torch.randn(b, 512)).sum().backward()

    print(largest_batch(try_step, 100_000))
