"""accumulate_step is judged twice.
1. In this process, on a stand-in for DDP (one rank: averaging is the identity) that counts the all-reduces a real
   DDP would make: one per forward run outside no_sync() whose backward runs. Milliseconds: a wrong answer fails
   here, before any process starts.
2. In 2 forked gloo ranks (support_26_distributed.fork_ranks) with a real DistributedDataParallel and a comm hook
   that counts the all-reduces (the tiny model fits one bucket: 1 per synced backward). Each rank gets 4
   micro-batches of 2 of its half of 16 samples; both must end with the parameters of one SGD step on all 16,
   after exactly 1 all-reduce. DDP's constructor imports torch._dynamo (measured: 3 s idle, 10-25 s here under
   load), so it is imported once before the fork and the ranks share it; the rest takes about 1 s.
"""
import contextlib

import torch
import torch.nn.functional as F
from torch import nn

from dlings.testing import expect, expect_close, fail
from support_26_distributed import fork_ranks, learner_error, tiny_mlp

LR = 0.5
DEADLINE_S = 60


def _data():
    g = torch.Generator().manual_seed(5)
    return torch.randn(16, 3, generator=g), torch.randn(16, 2, generator=g)


def _micro(x, y, k):
    return list(zip(x.chunk(k), y.chunk(k)))


def _reference(x, y):
    model = tiny_mlp()
    F.mse_loss(model(x), y).backward()
    with torch.no_grad():
        for p in model.parameters():
            p -= LR * p.grad
    return {n: p.detach() for n, p in model.named_parameters()}


class StandIn(nn.Module):
    """What accumulate_step may use of DDP: calling it, .parameters(), .no_sync(). Counts the all-reduces."""

    def __init__(self, module):
        super().__init__()
        self.module = module
        self.syncing = True
        self.allreduces = 0
        self.forwards = []

    @contextlib.contextmanager
    def no_sync(self):
        old, self.syncing = self.syncing, False
        try:
            yield
        finally:
            self.syncing = old

    def forward(self, x):
        out = self.module(x)
        self.forwards.append(self.syncing)
        if self.syncing and out.requires_grad:
            out.register_hook(self._count)
        return out

    def _count(self, grad):
        self.allreduces += 1


def test_on_a_stand_in(exercise):
    x, y = _data()
    for k in (4, 1):
        wrapped = StandIn(tiny_mlp())
        opt = torch.optim.SGD(wrapped.parameters(), lr=LR)
        for p in wrapped.parameters():                    # stale gradients: the step must zero them first
            p.grad = torch.ones_like(p)
        exercise.accumulate_step(wrapped, opt, _micro(x, y, k))
        call = f"accumulate_step(model, optimizer, {k} micro-batches of {16 // k})"
        want = _reference(x, y)
        start = dict(tiny_mlp().named_parameters())
        if all(torch.equal(p, start[n]) for n, p in wrapped.module.named_parameters()):
            fail(f"after {call} the parameters did not change.", hint="finish the TODO: one optimizer.step() "
                 "after the micro-batches.")
        expect(len(wrapped.forwards) == k, f"{call} ran the model {len(wrapped.forwards)} times; expected {k}, "
               "once per micro-batch.")
        expect(wrapped.allreduces == 1, f"{call} would make {wrapped.allreduces} all-reduce(s) under DDP; the "
               "point of no_sync is exactly 1 per step.",
               hint="with ddp_model.no_sync(): around the forward AND backward of every micro-batch but the last; "
                    "the last one outside it (its backward averages the accumulated gradients)."
               if wrapped.allreduces > 1 else "the LAST micro-batch runs outside no_sync(): without one synced "
               "backward the ranks never average their gradients and drift apart.")
        expect(not wrapped.forwards[-1] or all(not s for s in wrapped.forwards[:-1]), f"{call}: the synced "
               "forward should be the last one.", hint="all micro-batches but the last under no_sync().")
        for name, p in wrapped.module.named_parameters():
            expect_close(p.detach(), want[name], f"parameter {name} after {call}", atol=1e-6,
                         hint="zero the gradients first, divide each micro-batch's mean loss by the number of "
                              "micro-batches, and step once after all of them.",
                         mistakes={f"the step is {k} times too big: divide each micro-batch's loss by "
                                   f"len(micro_batches) ({k}), so the gradients add up to the mean's.":
                                   {n: start[n] - k * (start[n] - want[n]) for n in want}[name],
                                   "the old gradients were not cleared: optimizer.zero_grad() first.":
                                   (want[name] - LR * torch.ones_like(want[name]))} if k > 1 else
                         {"the old gradients were not cleared: optimizer.zero_grad() first.":
                          (want[name] - LR * torch.ones_like(want[name]))})


def _rank(exercise, x, y):
    def run(rank, world_size, init_method):
        import torch.distributed as dist
        from torch.distributed.algorithms.ddp_comm_hooks.default_hooks import allreduce_hook
        from torch.nn.parallel import DistributedDataParallel as DDP

        dist.init_process_group("gloo", init_method=init_method, rank=rank, world_size=world_size)
        try:
            ddp = DDP(tiny_mlp())
            count = [0]

            def counting(state, bucket):
                count[0] += 1
                return allreduce_hook(None, bucket)

            ddp.register_comm_hook(None, counting)
            opt = torch.optim.SGD(ddp.parameters(), lr=LR)
            xs, ys = x.chunk(world_size)[rank], y.chunk(world_size)[rank]
            exercise.accumulate_step(ddp, opt, _micro(xs, ys, 4))
            return {"params": {n: p.detach().clone() for n, p in ddp.module.named_parameters()},
                    "allreduces": count[0]}
        finally:
            dist.destroy_process_group()
    return run


def test_two_ranks_with_real_ddp(exercise, tmp_path):
    test_on_a_stand_in(exercise)
    import torch._dynamo  # noqa: F401 - DDP imports it; once here, before the fork, instead of once per rank

    x, y = _data()
    results, errors, timed_out, _ = fork_ranks(_rank(exercise, x, y), 2, str(tmp_path), DEADLINE_S)
    if errors:
        rank, text = sorted(errors.items())[0]
        fail(f"rank {rank} of 2 stopped with an error in your code:\n{learner_error(text)}",
             hint="each rank calls accumulate_step with its own 4 micro-batches and a real DDP model.")
    if timed_out or results is None:
        fail(f"the 2 ranks did not finish within {DEADLINE_S} s (they were stopped).",
             hint="both ranks must run the same number of synced backward passes.")
    want = _reference(x, y)
    for rank, res in enumerate(results):
        expect(res["allreduces"] == 1, f"rank {rank} of 2 made {res['allreduces']} all-reduces (counted by a comm "
               "hook) in one accumulate_step of 4 micro-batches; expected 1.",
               hint="no_sync() around every micro-batch but the last.")
        for name, p in want.items():
            expect_close(res["params"][name], p, f"rank {rank} of 2: parameter {name} after the step (each rank "
                         "had 8 of the 16 samples, in 4 micro-batches)", atol=1e-6)
