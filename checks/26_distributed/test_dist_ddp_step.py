"""ddp_train_step is run first in this process in a one-rank gloo group (fast: catches a missing or wrong step before
any process starts), then in 2 spawned ranks (support_26_distributed.run_ranks), each with half of a batch of 8.
Both ranks must end with the parameters of one SGD step on the whole batch.
Measured: the 2-rank run takes about 8 s on an idle 2-core machine (most of it the ranks importing torch), up to a
minute on a heavily loaded one; a rank that fails ends the other one at once."""
from datetime import timedelta

import torch
import torch.distributed as dist
import torch.nn.functional as F

from dlings.testing import expect_close, fail
from support_26_distributed import run_ranks, tiny_mlp, _ddp_rank

LR = 0.5
RANK_DEADLINE_S = 120


def _data():
    g = torch.Generator().manual_seed(3)
    return torch.randn(8, 3, generator=g), torch.randn(8, 2, generator=g)


def _reference(x, y, lr):
    model = tiny_mlp()
    F.mse_loss(model(x), y).backward()
    with torch.no_grad():
        for p in model.parameters():
            p -= lr * p.grad
    return {n: p.detach() for n, p in model.named_parameters()}


def _compare(got, want, where, hint, mistakes=None):
    for name, p in want.items():
        expect_close(got[name], p, f"{where}: parameter {name} after the step", atol=1e-6, hint=hint,
                     mistakes={cause: m[name] for cause, m in (mistakes or {}).items()})


def test_ddp_matches_one_large_batch(exercise, tmp_path):
    x, y = _data()
    want = _reference(x, y, LR)
    # 1. one rank, in this process: the step itself
    dist.init_process_group("gloo", init_method=f"file://{tmp_path / 'one'}", rank=0, world_size=1,
                            timeout=timedelta(seconds=30))
    try:
        model = tiny_mlp()
        exercise.ddp_train_step(model, x, y, LR)
    finally:
        dist.destroy_process_group()
    before = {n: p.detach() for n, p in tiny_mlp().named_parameters()}
    if all(torch.equal(model.state_dict()[n], p) for n, p in before.items()):
        fail("after ddp_train_step(model, x, y, lr) in a one-rank group, the model's parameters did not change.",
             hint="finish the TODO: the step must change `model` itself (DDP(model) shares its parameters; "
                  "build the optimizer over them and call step()).")
    _compare(dict(model.named_parameters()), want, "with one rank and the whole batch",
             "one step of torch.optim.SGD(lr=lr) on F.mse_loss(output, y) (its mean reduction); gradients zeroed "
             "before backward.")
    # 2. two ranks, each with half of the batch
    ok, seconds = run_ranks(_ddp_rank, (2, str(tmp_path / "two"), str(exercise.__file__), x, y, LR, str(tmp_path)),
                            2, RANK_DEADLINE_S)
    errors = sorted(tmp_path.glob("*.err"))
    if errors:
        text = errors[0].read_text()
        fail(f"rank {errors[0].stem} of 2 stopped with an error in your code:\n{text.strip()[-1500:]}",
             hint="every rank runs ddp_train_step with its own half of the batch; a collective (all_reduce) that "
                  "only one rank calls waits for the other until the group's timeout.")
    if not ok:
        fail(f"the 2 ranks did not finish within {RANK_DEADLINE_S} s.",
             hint="a rank waits in a collective that the other never reaches: every rank must make the same "
                  "calls (DDP's backward, any all_reduce) in the same order.")
    results = [torch.load(tmp_path / f"{r}.pt") for r in range(2)]
    start = {n: p.detach() for n, p in tiny_mlp().named_parameters()}
    summed = {n: start[n] + 2 * (want[n] - start[n]) for n in want}
    for r in range(2):
        alone = _reference(x.chunk(2)[r], y.chunk(2)[r], LR)
        _compare(results[r], want, f"rank {r} of 2 (each rank had 4 of the 8 samples)", mistakes={
            "this rank stepped on its own half's gradient alone: nothing averaged the gradients across ranks. "
            "Call the DDP-wrapped model, not the plain one.": alone,
            "the gradients of the ranks were summed, not averaged: divide a manual all_reduce by the world size, "
            "or let DDP do it.": summed}, hint=
                 "every rank must end where one step on the whole batch ends: call the DDP-wrapped model (not the "
                 "plain one) so backward() averages the gradients of all ranks, and let DDP do it (a manual "
                 "all_reduce sums them: divide by the world size).")
