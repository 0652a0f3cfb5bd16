"""Helpers shared by the checks of 26_distributed."""
from collections import defaultdict, deque

import torch

from dlings.testing import fail


class RingNet:
    """The simulated wire of dist_ring_allreduce: FIFO queues per (src, dst), sends counted per rank."""

    def __init__(self, world_size):
        self.world_size = world_size
        self.queues = defaultdict(deque)
        self.sent = [0] * world_size

    def _rank(self, r, what):
        if not isinstance(r, int) or isinstance(r, bool) or not 0 <= r < self.world_size:
            fail(f"{what} got rank {r!r}; ranks are the ints 0 .. {self.world_size - 1}.")

    def send(self, src, dst, t):
        self._rank(src, "net.send(src, dst, t)")
        self._rank(dst, "net.send(src, dst, t)")
        if dst != (src + 1) % self.world_size:
            fail(f"rank {src} sent to rank {dst}; in a ring rank {src} sends only to its neighbour "
                 f"{(src + 1) % self.world_size} (of {self.world_size} ranks).",
                 hint="gathering everything on one rank makes that rank's link the bottleneck; the ring passes "
                      "chunks to (r + 1) % W only.")
        if not isinstance(t, torch.Tensor):
            fail(f"net.send({src}, {dst}, t) got {type(t).__name__}, not a tensor.")
        self.sent[src] += t.numel()
        self.queues[(src, dst)].append(t.detach().clone())

    def recv(self, dst, src):
        self._rank(src, "net.recv(dst, src)")
        self._rank(dst, "net.recv(dst, src)")
        q = self.queues[(src, dst)]
        if not q:
            fail(f"rank {dst} waits for a message from rank {src}, but none was sent: with real processes this "
                 "recv would block forever (a deadlock).",
                 hint="mind the argument order: net.recv(dst, src), rank dst receives from its neighbour "
                      "(dst - 1) % W. In every step, let all ranks send first, then all receive.")
        return q.popleft()


def tiny_mlp():
    from torch import nn

    torch.manual_seed(0)
    return nn.Sequential(nn.Linear(3, 8), nn.Tanh(), nn.Linear(8, 2))


# ---- real processes, forked (dist_process_group, dist_ddp_step, dist_no_sync) -------------------------------------------------------
# Forking the check's own process starts a rank in milliseconds (spawn re-imports torch: seconds to a minute on a
# loaded machine), and the learner's module is already loaded in it. The check process itself never joins a process
# group, so no gloo thread or lock is copied into a child. Each child writes <rank>.pt (its result) or <rank>.err.

def _die_with_parent():
    """Linux: this process gets SIGKILL when the check process dies (killed at its timeout), so a rank stuck in a
    collective cannot outlive the check. Elsewhere the parent's kill-and-join in fork_ranks has to do."""
    try:
        import ctypes
        import signal

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)      # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _forked_rank(fn, rank, world_size, init_method, out_dir):
    import os
    import traceback

    _die_with_parent()
    torch.set_num_threads(1)
    try:
        result = fn(rank, world_size, init_method)
        torch.save(result, os.path.join(out_dir, f"{rank}.pt"))
        code = 0
    except BaseException as exc:  # noqa: BLE001 - reported to the learner by the parent
        with open(os.path.join(out_dir, f"{rank}.err"), "w") as f:
            f.write(f"{type(exc).__name__}: {exc}\n\n{traceback.format_exc()}")
        code = 1
    os._exit(code)                      # no atexit handlers, no pytest teardown in the child


def fork_ranks(fn, world_size, out_dir, deadline_s):
    """Run fn(rank, world_size, init_method) in world_size forked processes; a fresh file:// store, so no port.
    Stops early when a rank fails; every child is killed and reaped before returning.
    Returns (results or None, errors {rank: text}, timed_out, seconds)."""
    import multiprocessing
    import os
    import time

    init_file = os.path.join(out_dir, "store")
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_forked_rank, args=(fn, r, world_size, f"file://{init_file}", out_dir), daemon=True)
             for r in range(world_size)]
    start = time.monotonic()
    timed_out = False
    try:
        for p in procs:
            p.start()
        while any(p.is_alive() for p in procs):
            if any(p.exitcode not in (None, 0) for p in procs):
                time.sleep(0.3)                 # let the others write their own error, if any
                break
            if time.monotonic() - start > deadline_s:
                timed_out = True
                break
            time.sleep(0.02)
    finally:
        for p in procs:
            if p.is_alive():
                p.kill()
            p.join(5)
    errors = {r: open(os.path.join(out_dir, f"{r}.err")).read() for r in range(world_size)
              if os.path.exists(os.path.join(out_dir, f"{r}.err"))}
    paths = [os.path.join(out_dir, f"{r}.pt") for r in range(world_size)]
    results = [torch.load(p, weights_only=False) for p in paths] if all(map(os.path.exists, paths)) else None
    return results, errors, timed_out, time.monotonic() - start


def learner_error(text):
    """A rank's error for a learner: the exception, and the line of the learner's file that led to it."""
    head, _, tb = text.partition("\n\n")
    lines = tb.strip().splitlines()
    mine = [i for i, ln in enumerate(lines) if ln.strip().startswith("File ") and "site-packages" not in ln
            and "support_26_distributed" not in ln and "/test_dist_" not in ln and "/lib/python" not in ln]
    if not mine:
        return head
    i = mine[-1]
    where = lines[i].strip()
    code = lines[i + 1].strip() if i + 1 < len(lines) else ""
    return f"{head}\n  at {where}\n    {code}"
