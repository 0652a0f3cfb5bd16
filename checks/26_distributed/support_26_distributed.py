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
