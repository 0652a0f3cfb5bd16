"""dist_process_group: join a gloo process group, use it, and leave it.

The check starts world_size processes on the CPU, and each one calls
rank_main(rank, world_size, init_method) with its own rank. Write it:
1. join the process group: the "gloo" backend (the one that runs on CPUs),
   this rank, world_size, and init_method (a file:// address that every
   rank shares: that is how they find each other);
2. ask the group for this process's rank and the world size;
3. every rank holds the tensor [rank + 1.0, 1.0]: sum it over all ranks with
   ONE collective call, so that every rank ends with the same total;
4. leave the group (destroy it) before returning, also when a step fails.
Return (rank, world_size, total), rank and world_size as the group reports them.

Read: torch.distributed.init_process_group, get_rank, get_world_size, all_reduce, destroy_process_group
"""
import torch
import torch.distributed as dist


def rank_main(rank: int, world_size: int, init_method: str):
    dist.init_process_group("gloo", init_method=init_method, rank=rank, world_size=world_size)
    me, size = dist.get_rank(), dist.get_world_size()
    total = torch.tensor([me + 1.0, 1.0])
    dist.all_reduce(total, op=dist.ReduceOp.SUM)
    dist.destroy_process_group()
    return me, size, total


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        print(rank_main(0, 1, f"file://{d}/store"))        # a group of one: the total is its own tensor
