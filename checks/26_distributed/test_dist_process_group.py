"""rank_main runs in forked processes (support_26_distributed.fork_ranks): a group of 1, then of 3. Each child checks,
after rank_main returns, that the group was destroyed; a third run makes the collective raise (the check replaces it
in the child), and the group must be destroyed all the same. Forked ranks start in milliseconds; measured: the whole
check about 1 s here under load. A rank that fails stops the others at once; a rank stuck in a collective the others
never call is killed at the deadline, and no process outlives the check."""
import torch
import torch.distributed as dist

from dlings.testing import expect, fail
from support_26_distributed import fork_ranks, learner_error

DEADLINE_S = 30


COLLECTIVES = ("all_reduce", "all_gather", "all_gather_into_tensor", "reduce", "reduce_scatter", "broadcast")


def _rank(exercise):
    def run(rank, world_size, init_method):
        got = exercise.rank_main(rank, world_size, init_method)
        return {"got": got, "still_initialized": dist.is_initialized()}
    return run


def _failing_rank(exercise):
    """The collective raises (as when another rank crashes): the group must be destroyed all the same."""
    def run(rank, world_size, init_method):
        def broken(*args, **kwargs):
            raise RuntimeError("injected by the check: the collective failed")
        for name in COLLECTIVES:
            if hasattr(dist, name):
                setattr(dist, name, broken)
        try:
            exercise.rank_main(rank, world_size, init_method)
            raised = False
        except RuntimeError:
            raised = True
        return {"raised": raised, "still_initialized": dist.is_initialized()}
    return run


def _run(exercise, world_size, tmp_path, make=_rank):
    out = tmp_path / f"w{world_size}{make.__name__}"
    out.mkdir()
    results, errors, timed_out, seconds = fork_ranks(make(exercise), world_size, str(out), DEADLINE_S)
    if errors:
        rank, text = sorted(errors.items())[0]
        hint = None
        if "nccl" in text.lower() or "cuda" in text.lower():
            hint = "NCCL is the backend for NVIDIA GPUs; on CPUs the backend is \"gloo\"."
        elif "closed by peer" in text or "Connection reset" in text:
            hint = ("another rank left the group while this one waited in a collective: every rank must make the "
                    "same collective calls, in the same order (no `if rank == 0:` around them).")
        elif "rank" in text and ("expected" in text or "must" in text or "required" in text):
            hint = "init_process_group(\"gloo\", init_method=init_method, rank=rank, world_size=world_size)."
        fail(f"rank {rank} of {world_size} stopped with an error in your code:\n{learner_error(text)}",
             hint=hint or "every rank runs rank_main; read the line above.")
    if timed_out or results is None:
        fail(f"the {world_size} ranks did not finish within {DEADLINE_S} s (they were stopped).",
             hint="a rank waits for the others: every rank must join the group and make the same collective "
                  "calls (no `if rank == 0:` around the all_reduce).")
    return results


def test_group_of_one_then_three(exercise, tmp_path):
    for world_size in (1, 3):
        results = _run(exercise, world_size, tmp_path)
        want = torch.tensor([world_size * (world_size + 1) / 2, float(world_size)])
        for rank, res in enumerate(results):
            got = res["got"]
            call = f"rank_main({rank}, {world_size}, init_method) (in a group of {world_size})"
            if got is None:
                fail(f"{call} returned None.", hint="finish the TODO and return (rank, world_size, total).")
            expect(not res["still_initialized"], f"after {call} returned, the process group was still open.",
                   hint="dist.destroy_process_group() at the end, in a `finally:` so an error cannot skip it.")
            expect(isinstance(got, (tuple, list)) and len(got) == 3,
                   f"{call} should return (rank, world_size, total), got {got!r:.120}.")
            r, w, total = got
            expect(r == rank and w == world_size, f"{call} returned rank {r!r} and world_size {w!r}; expected "
                   f"{rank} and {world_size}.", hint="dist.get_rank() and dist.get_world_size().")
            expect(isinstance(total, torch.Tensor), f"the total from {call} should be a tensor, got "
                   f"{type(total).__name__}.")
            if total.shape != want.shape or not torch.allclose(total.float(), want):
                cause = None
                if torch.allclose(total.float(), torch.tensor([rank + 1.0, 1.0])):
                    cause = "this is the rank's own tensor: nothing summed it across ranks (dist.all_reduce)."
                elif torch.allclose(total.float(), want / world_size):
                    cause = "that is the mean; the task asks for the sum (ReduceOp.SUM, all_reduce's default)."
                elif rank != 0 and world_size > 1:
                    cause = ("rank 0 may have the total, but this rank does not: dist.reduce sends the result to "
                             "one rank, dist.all_reduce to all of them.")
                fail(f"{call} returned the total {total.tolist()}; the sum of [r + 1, 1] over the {world_size} "
                     f"ranks is {want.tolist()}.", hint=cause or "each rank holds [rank + 1.0, 1.0]; "
                                                                 "dist.all_reduce(t) sums in place.")


def test_group_destroyed_when_a_collective_fails(exercise, tmp_path):
    res = _run(exercise, 1, tmp_path, _failing_rank)[0]
    expect(not res["still_initialized"], "when the collective in rank_main raised an error (the check made it "
           "fail, as it does when another rank crashes), the process group was left open.",
           hint="try: ... finally: dist.destroy_process_group(), so an error cannot skip it.")
