"""ddp_train_step runs in forked gloo ranks (support_26_distributed.fork_ranks): first a group of one with the whole
batch of 8 (catches a missing or wrong step alone), then 2 ranks, each with half of the batch. Both ranks must end
with the parameters of one SGD step on the whole batch. DDP's constructor imports torch._dynamo (3 s idle, 10-25 s
under load), so it is imported once before the fork and the ranks share it. Forked ranks start in milliseconds
(spawn re-imported torch in each rank: 8 s idle, up to 68 s under load); measured: the whole check about 1-2 s after
the import. A rank that fails stops the other at once; one stuck in a collective is killed at the deadline."""
import torch
import torch.nn.functional as F

from dlings.testing import expect_close, fail
from support_26_distributed import fork_ranks, learner_error, tiny_mlp

LR = 0.5
DEADLINE_S = 60


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


def _rank(exercise, x, y):
    def run(rank, world_size, init_method):
        import torch.distributed as dist

        dist.init_process_group("gloo", init_method=init_method, rank=rank, world_size=world_size)
        try:
            model = tiny_mlp()
            xs, ys = x.chunk(world_size)[rank], y.chunk(world_size)[rank]
            exercise.ddp_train_step(model, xs, ys, LR)
            return {n: p.detach().clone() for n, p in model.named_parameters()}
        finally:
            dist.destroy_process_group()
    return run


def _run(exercise, x, y, world_size, tmp_path):
    out = tmp_path / f"w{world_size}"
    out.mkdir()
    results, errors, timed_out, _ = fork_ranks(_rank(exercise, x, y), world_size, str(out), DEADLINE_S)
    if errors:
        rank, text = sorted(errors.items())[0]
        fail(f"rank {rank} of {world_size} stopped with an error in your code:\n{learner_error(text)}",
             hint="every rank runs ddp_train_step with its own part of the batch; a collective (all_reduce) that "
                  "only one rank calls waits for the other until the group's timeout.")
    if timed_out or results is None:
        fail(f"the {world_size} rank(s) did not finish within {DEADLINE_S} s (they were stopped).",
             hint="a rank waits in a collective that the other never reaches: every rank must make the same "
                  "calls (DDP's backward, any all_reduce) in the same order.")
    return results


def test_ddp_matches_one_large_batch(exercise, tmp_path):
    import torch._dynamo  # noqa: F401 - DDP imports it; once here, before the fork, instead of once per rank

    x, y = _data()
    want = _reference(x, y, LR)
    start = {n: p.detach() for n, p in tiny_mlp().named_parameters()}
    # 1. one rank with the whole batch: the step itself
    (model,) = _run(exercise, x, y, 1, tmp_path)
    if all(torch.equal(model[n], p) for n, p in start.items()):
        fail("after ddp_train_step(model, x, y, lr) in a one-rank group, the model's parameters did not change.",
             hint="finish the TODO: the step must change `model` itself (DDP(model) shares its parameters; "
                  "build the optimizer over them and call step()).")
    _compare(model, want, "with one rank and the whole batch",
             "one step of torch.optim.SGD(lr=lr) on F.mse_loss(output, y) (its mean reduction); gradients zeroed "
             "before backward.")
    # 2. two ranks, each with half of the batch
    results = _run(exercise, x, y, 2, tmp_path)
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
