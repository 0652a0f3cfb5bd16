"""dist_ring_allreduce: all_reduce by hand, as a ring of point-to-point sends.

dist.all_reduce leaves on every rank the sum of every rank's tensor. Write
it for W simulated ranks: xs holds one 1-D tensor of length n per rank (n
need not be a multiple of W, and may be smaller than W). Return a list of W
new tensors, each the elementwise sum of all of xs; leave xs unchanged.
Ranks talk only through net: net.send(src, dst, t) puts a copy of t on the
wire, and net.recv(dst, src) takes the oldest one sent from src to dst.
The ring rule: rank r sends only to rank (r + 1) % W, and the check counts
what each rank sends: at most 2 * (W - 1) chunks of n / W numbers. So split
each tensor into W chunks, then reduce-scatter (W - 1 steps: pass a chunk
on, the next rank adds it to its own) and all-gather (W - 1 steps: pass the
finished chunks on). In every step, all ranks send first, then all receive.

Read: torch.tensor_split, torch.distributed.send / recv / all_reduce
"""
import torch


def ring_all_reduce(xs, net):
    W = len(xs)
    # TODO: split every rank's tensor into W chunks, then W - 1 reduce-scatter steps and W - 1 all-gather steps
    ...
