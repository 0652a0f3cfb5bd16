"""dist_no_sync: gradient accumulation under DDP, with one all-reduce per step.

To train with a batch too big for memory, each rank runs several micro-
batches and adds up their gradients before one optimizer step. Under DDP
every backward() of the wrapped model also averages the gradients across
ranks: with 4 micro-batches that is 4 all-reduces where 1 would do. Write
accumulate_step(ddp_model, optimizer, micro_batches): micro_batches is this
rank's list of (x, y), all of one size. Zero the gradients, then for each
micro-batch backpropagate F.mse_loss(ddp_model(x), y) / len(micro_batches)
(so the sum is the mean over all of this rank's samples), all but the last
inside ddp_model.no_sync() (forward AND backward: DDP decides at forward
time), the last one outside it; then one optimizer.step(). The result: the
same step as one batch of everything on every rank, with one all-reduce.

Read: torch.nn.parallel.DistributedDataParallel.no_sync, torch.nn.functional.mse_loss
"""
import torch
import torch.nn.functional as F


def accumulate_step(ddp_model, optimizer, micro_batches):
    optimizer.zero_grad()
    k = len(micro_batches)
    for x, y in micro_batches:
        (F.mse_loss(ddp_model(x), y) / k).backward()
    optimizer.step()


if __name__ == "__main__":
    import tempfile

    import torch.distributed as dist
    from torch.nn.parallel import DistributedDataParallel as DDP

    with tempfile.TemporaryDirectory() as d:
        dist.init_process_group("gloo", init_method=f"file://{d}/store", rank=0, world_size=1)
        try:
            model = DDP(torch.nn.Linear(3, 1))
            opt = torch.optim.SGD(model.parameters(), lr=0.1)
            accumulate_step(model, opt, [(torch.randn(2, 3), torch.randn(2, 1)) for _ in range(4)])
            print(model.module.weight)
        finally:
            dist.destroy_process_group()
