"""DataLoader workers are forked from the check process: about 0.1-0.3 s to start each loader here."""
from collections import Counter

import torch
from torch.utils.data import DataLoader, IterableDataset

from dlings.testing import expect_equal, fail
from support_17_data import describe, take


def _values(exercise, start, end, workers, batch_size=4):
    stream = exercise.RangeStream(start, end)
    if not isinstance(stream, IterableDataset):
        fail(f"RangeStream(...) is {describe(stream)}, not an IterableDataset.")
    loader = DataLoader(stream, batch_size=batch_size, num_workers=workers, timeout=20 if workers else 0)
    out = []
    for batch in take(loader, 10 * (end - start) + 10, f"a DataLoader over RangeStream({start}, {end})"):
        out += [int(v) for v in torch.as_tensor(batch).reshape(-1).tolist()]
    return out


def _expect_once(got, start, end, workers):
    counts = Counter(got)
    want = list(range(start, end))
    what = f"the values of RangeStream({start}, {end}) through DataLoader(num_workers={workers})"
    if sorted(got) == want:
        return
    repeated = sorted(v for v, c in counts.items() if c > 1)
    missing = sorted(set(want) - set(counts))
    extra = sorted(set(counts) - set(want))
    if repeated and not missing and all(c == workers for c in counts.values()):
        fail(f"{what}: every value came {workers} times, once from each worker.",
             hint="each worker runs __iter__ on its own copy: ask get_worker_info() which worker this is and yield "
                  "only range(start + info.id, end, info.num_workers).")
    fail(f"{what} should be each of {start} .. {end - 1} exactly once.\n"
         f"  repeated: {repeated[:10]}\n  missing: {missing[:10]}\n  outside the range: {extra[:10]}",
         hint="worker w of k takes start + w, start + w + k, ...: range(start + info.id, end, info.num_workers) "
              "works for any k and any length (no chunk arithmetic to get wrong).")


def test_main_process_yields_all(exercise):
    got = _values(exercise, 3, 14, 0)
    expect_equal(got, list(range(3, 14)), "the values of RangeStream(3, 14) read without workers, in order")
    items = take(exercise.RangeStream(0, 4), 10, "RangeStream(0, 4)")
    expect_equal(items, [0, 1, 2, 3], "list(RangeStream(0, 4))")
    odd = [describe(v) for v in items if type(v) is not int]
    if odd:
        fail(f"RangeStream should yield Python ints; list(RangeStream(0, 4)) held {odd[0]}.",
             hint="iterate over range(...) itself (Python ints), not torch.arange(...) (tensors).")


def test_two_and_three_workers_share_the_values(exercise):
    for workers, (start, end) in [(2, (0, 21)), (3, (5, 15))]:
        _expect_once(_values(exercise, start, end, workers), start, end, workers)


def test_fewer_values_than_workers(exercise):
    got = _values(exercise, 7, 9, 3, batch_size=1)
    _expect_once(got, 7, 9, 3)


def test_each_worker_takes_every_kth_value(exercise):
    # The DataLoader takes one batch from each worker in turn; with batch_size=1 and worker w yielding
    # start + w, start + w + k, ..., the values come back in order. Contiguous chunks come back interleaved.
    got = _values(exercise, 2, 14, 3, batch_size=1)
    _expect_once(got, 2, 14, 3)
    if got != list(range(2, 14)):
        fail(f"RangeStream(2, 14) through DataLoader(num_workers=3, batch_size=1) came in the order {got}; "
             f"with every worker taking every 3rd value it would be 2, 3, 4, ..., 13.",
             hint="the docstring asks for a stride, not a chunk: worker w of k yields start + w, start + w + k, ... "
                  "that is range(start + info.id, end, info.num_workers).")
