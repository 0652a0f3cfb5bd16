"""dp_step and ddp_step, three steps each on fresh batches, with the exercise's broadcast and all_reduce_mean
replaced by counting versions (same maths). Per step, DataParallel must broadcast every parameter to every replica
(n x P values: the replicas are rebuilt because only the master is updated) and run each replica (forward hooks on
the master's Linears see the replica's weight, not the master's) on batch / n samples; DDP must broadcast nothing
and all-reduce n x P gradient values. Both must end every step at the large-batch SGD step (DDP: on every
replica, all equal). In-process, well under a second."""

import torch
import torch.nn.functional as F
from torch import nn

from dlings.testing import expect, expect_close, fail
from support_26_distributed import tiny_mlp

LR = 0.3
STEPS = 3


class Meter:
    def __init__(self):
        self.broadcast = 0
        self.reduced = []

    def install(self, exercise):
        def broadcast(p):
            self.broadcast += p.numel()
            return p.clone()

        def all_reduce_mean(tensors):
            tensors = list(tensors)
            if not all(isinstance(t, torch.Tensor) for t in tensors):
                fail(f"all_reduce_mean got {[type(t).__name__ for t in tensors]}; it takes a list of tensors (the "
                     "same parameter's .grad on every replica).",
                     hint="a .grad is None until backward has run on that replica.")
            self.reduced.append([t.numel() for t in tensors])
            mean = torch.stack([t.detach() for t in tensors]).mean(0)
            for t in tensors:
                t.detach().copy_(mean)

        exercise.broadcast = broadcast
        exercise.all_reduce_mean = all_reduce_mean


def batches():
    g = torch.Generator().manual_seed(11)
    return [(torch.randn(12, 3, generator=g), torch.randn(12, 2, generator=g)) for _ in range(STEPS)]


def references():
    model = tiny_mlp()
    out = []
    for x, y in batches():
        model.zero_grad()
        F.mse_loss(model(x), y).backward()
        with torch.no_grad():
            for p in model.parameters():
                p -= LR * p.grad
        out.append({n: p.detach().clone() for n, p in model.named_parameters()})
    return out


def test_dp_step(exercise):
    n = 3
    model = tiny_mlp()
    masters = {id(p) for p in model.parameters()}
    P = sum(p.numel() for p in model.parameters())
    opt = torch.optim.SGD(model.parameters(), lr=LR)
    seen = []
    for m in model.modules():
        if isinstance(m, nn.Linear):
            m.register_forward_hook(lambda m, i, o: seen.append((len(i[0]), id(m.weight) in masters)))
    meter = Meter()
    meter.install(exercise)
    for step, ((x, y), want) in enumerate(zip(batches(), references()), start=1):
        meter.broadcast, seen[:] = 0, []
        exercise.dp_step(model, opt, x, y, n)
        call = f"dp_step(model, optimizer, x, y, n={n}) (step {step}, a batch of 12)"
        if not seen:
            fail(f"{call} never ran the model.", hint="finish the TODO.")
        if meter.broadcast == 0 and step > 1:
            fail(f"{call} broadcast nothing; step 1 did. The optimizer updated only the master, so replicas made "
                 "at an earlier step hold old weights.",
                 hint="DataParallel replicates the master EVERY step: that weight traffic is its price.")
        expect(meter.broadcast == n * P, f"{call} broadcast {meter.broadcast} parameter values; each of the {n} "
               f"replicas needs every one of the model's {P}: {n * P}.",
               hint="replica = {name: broadcast(p) for name, p in model.named_parameters()}, once per replica.")
        expect(not any(master for _, master in seen), f"{call} ran the master's own weights on a chunk; each chunk "
               "should run on a replica's broadcast copies.",
               hint="torch.func.functional_call(model, replica_params, (chunk,)).")
        sizes = sorted({b for b, _ in seen})
        expect(sizes == [12 // n] and len(seen) == 2 * n, f"{call} ran the layers on batches of {sizes} "
               f"({len(seen) // 2} forward passes); expected {n} passes on chunks of {12 // n}.",
               hint="scatter: x.chunk(n), one chunk per replica.")
        start = dict(tiny_mlp().named_parameters()) if step == 1 else None
        for name, p in model.named_parameters():
            mistakes = {}
            if start is not None:
                mistakes[f"the step is {n} times too big: the loss is the mean over the GATHERED outputs (torch.cat), "
                         f"not a sum of {n} chunk means."] = start[name] + n * (want[name] - start[name])
            expect_close(p.detach(), want[name], f"master parameter {name} after {call}", atol=1e-5,
                         mistakes=mistakes, hint="gather with torch.cat, F.mse_loss(gathered, y) on the master, "
                         "zero_grad before backward, one optimizer.step().")


def test_ddp_step(exercise):
    n = 3
    replicas = [tiny_mlp() for _ in range(n)]
    P = sum(p.numel() for p in replicas[0].parameters())
    opts = [torch.optim.SGD(r.parameters(), lr=LR) for r in replicas]
    meter = Meter()
    meter.install(exercise)
    for step, ((x, y), want) in enumerate(zip(batches(), references()), start=1):
        meter.broadcast, meter.reduced = 0, []
        exercise.ddp_step(replicas, opts, x, y)
        call = f"ddp_step(replicas, optimizers, x, y) with {n} replicas (step {step}, a batch of 12)"
        expect(meter.broadcast == 0, f"{call} broadcast {meter.broadcast} parameter values; DDP broadcasts the "
               "weights once, when it is built, never per step.",
               hint="each replica is a model of its own: call it directly, replicas[i](chunk).")
        moved = sum(sum(r) for r in meter.reduced)
        if not meter.reduced:
            fail(f"{call} never called all_reduce_mean: each replica stepped on the gradient of its own chunk, "
                 "so the replicas drift apart.", hint="for each parameter: all_reduce_mean([its .grad on every "
                                                      "replica]), after every backward and before any step.")
        expect(all(len(r) == n for r in meter.reduced), f"{call} called all_reduce_mean with lists of "
               f"{sorted({len(r) for r in meter.reduced})} tensors; each call takes one parameter's gradient from "
               f"each of the {n} replicas.")
        expect(moved == n * P, f"{call} all-reduced {moved} values; the gradients of every parameter of every "
               f"replica are {n * P}.", hint="zip(*(m.parameters() for m in replicas)) pairs each parameter "
                                             "across the replicas.")
        for i, r in enumerate(replicas):
            alone = {}
            if step == 1:
                own = tiny_mlp()
                F.mse_loss(own(x.chunk(n)[i]), y.chunk(n)[i]).backward()
                alone = {name: (q - LR * q.grad).detach() for name, q in own.named_parameters()}
            for name, p in r.named_parameters():
                mistakes = ({"this replica stepped on its own chunk's gradient: all_reduce_mean must get the "
                             "GRADIENTS (p.grad), between the backward passes and the steps.": alone[name]}
                            if alone else {})
                expect_close(p.detach(), want[name], f"replica {i}: parameter {name} after {call}", atol=1e-5,
                             mistakes=mistakes,
                             hint="replica i runs chunk i (x.chunk(n)) with its own mean loss; zero_grad, "
                                  "backward, all_reduce_mean of the grads, then every optimizer.step().")
