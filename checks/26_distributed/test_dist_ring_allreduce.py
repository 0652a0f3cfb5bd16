"""ring_all_reduce runs on a simulated wire (support_26_distributed.RingNet) that refuses sends to anyone but
the next rank and counts the numbers each rank sends. The bar: at most 2 * (W - 1) * ceil(n / W) per rank,
what the ring sends; passing whole tensors around sends (W - 1) * n."""
import math

import torch

from dlings.testing import expect, expect_close, fail, snapshot, expect_untouched
from support_26_distributed import RingNet

# (W, n): even chunks, uneven chunks, n smaller than W, one number, a single rank
CASES = [(4, 12), (3, 10), (4, 3), (2, 1), (1, 5), (5, 23)]


def _run(exercise, W, n, dtype=torch.float32, seed=0):
    g = torch.Generator().manual_seed(seed + 10 * W + n)
    xs = [torch.randn(n, generator=g, dtype=dtype) for _ in range(W)]
    before = snapshot(xs)
    net = RingNet(W)
    what = f"ring_all_reduce(xs, net) with W={W} ranks and n={n}"
    try:
        out = exercise.ring_all_reduce(xs, net)
    except IndexError as exc:
        fail(f"{what} raised IndexError: {exc}.",
             hint="x.chunk(W) may return FEWER than W chunks (for n=3, W=4 it gives 3); torch.tensor_split(x, W) "
                  "always returns W (some may be empty)." if n < W else
             "check the chunk index each rank sends and receives in each step (modulo W).")
    expect_untouched(xs, before, "xs (every rank's input)",
                     hint="torch.tensor_split returns views of x: `chunk += received` writes into xs. Use "
                          "`chunk = chunk + received`, or clone first.")
    if out is None:
        fail(f"{what} returned None.", hint="finish the TODO and `return` the list of W summed tensors.")
    if not isinstance(out, (list, tuple)) or len(out) != W:
        fail(f"{what} should return a list of {W} tensors (one per rank); it returned {type(out).__name__}"
             + (f" of length {len(out)}" if isinstance(out, (list, tuple)) else "") + ".")
    if W > 1 and n >= W:
        quiet = [r for r in range(W) if net.sent[r] == 0]
        expect(not quiet, f"{what}: rank(s) {quiet} sent nothing over net.",
               hint="each rank sees only its own tensor and what reaches it through net: the sums must travel the "
                    "ring (net.send, then net.recv), not be computed from every rank's xs at once.")
    storages = [t.untyped_storage().data_ptr() for t in out if isinstance(t, torch.Tensor) and t.numel()]
    inputs = {x.untyped_storage().data_ptr() for x in xs if x.numel()}
    expect(not inputs.intersection(storages),
           f"{what} returned a tensor that shares memory with xs; W new tensors are expected.",
           hint="return new tensors (torch.cat of the chunks makes one; for W = 1 too), so xs stays each rank's "
                "own input.")
    expect(len(set(storages)) == len(storages),
           f"{what} returned the same tensor (one memory) for several ranks; each rank holds its own result.",
           hint="build every rank's result from its own chunks: [torch.cat(chunks[r]) for r in range(W)].")
    return xs, out, net, what


def test_every_rank_gets_the_sum(exercise):
    for W, n in CASES:
        xs, out, net, what = _run(exercise, W, n)
        total = torch.stack(xs).sum(0)
        for r in range(W):
            got = out[r]
            if isinstance(got, torch.Tensor) and got.shape == total.shape and W > 1:
                bounds = [int(b.numel()) for b in torch.tensor_split(total, W)]
                right = [bool(torch.allclose(a, b, atol=1e-5)) for a, b in
                         zip(torch.split(got, bounds), torch.split(total, bounds))]
                if right.count(True) == 1 and right[(r + 1) % W]:
                    fail(f"{what}: rank {r} holds the full sum only in chunk {(r + 1) % W}.",
                         hint="that is where the reduce-scatter ends: each rank owns one finished chunk. The "
                              "all-gather phase (W - 1 more steps passing finished chunks on) is missing.")
            expect_close(got, total, f"{what}: the result of rank {r}", atol=1e-5, mistakes={
                "the all-reduce here is a SUM (dist.ReduceOp.SUM, its default); you divided by W.": total / W,
                "this rank's own tensor was added twice.": total + xs[r],
            }, hint="the values are sums of the wrong chunks: check, step by step, which chunk index (modulo W) "
                    "each rank sends and which one it adds to or overwrites with what it receives.")


def test_only_ring_traffic(exercise):
    for W, n in CASES:
        xs, out, net, what = _run(exercise, W, n)
        bar = 2 * (W - 1) * math.ceil(n / W)
        worst = max(range(W), key=lambda r: net.sent[r])
        expect(net.sent[worst] <= bar,
               f"{what}: rank {worst} sent {net.sent[worst]} numbers; a ring all-reduce sends at most "
               f"2 * (W - 1) * ceil(n / W) = {bar} per rank, however large W grows.",
               hint="passing whole tensors round the ring sends (W - 1) * n numbers per rank. Send one chunk of "
                    "n / W numbers per step: W - 1 reduce-scatter steps, then W - 1 all-gather steps.")


def test_keeps_dtype(exercise):
    xs, out, net, what = _run(exercise, 3, 7, dtype=torch.float64, seed=1)
    total = torch.stack(xs).sum(0)
    for r in range(3):
        expect_close(out[r], total, f"{what} on float64 tensors: the result of rank {r}")
