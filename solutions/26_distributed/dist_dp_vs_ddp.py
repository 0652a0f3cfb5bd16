"""dist_dp_vs_ddp: what nn.DataParallel and DDP each move, step after step.

Both split a batch over n replicas and take the large-batch step. They
differ in what travels. Write both steps, in one process, by hand (on CPU
nn.DataParallel just calls the model: it has no CPU form to watch):
1. dp_step(model, optimizer, x, y, n): DataParallel. One master model.
   Every step: replicate (each replica gets broadcast(p) of every master
   parameter p), scatter (x and y into n equal chunks along dim 0), run
   replica i on chunk i (torch.func.functional_call), gather the outputs
   with torch.cat, then F.mse_loss on the master, backward (gradients flow
   back through broadcast into the master), optimizer.step().
2. ddp_step(replicas, optimizers, x, y): DDP. n models that live on, each
   with its own optimizer. Replica i runs chunk i, backpropagates its own
   mean loss; then all_reduce_mean(the n grads of each parameter); then
   every optimizer steps. Nothing is broadcast: equal grads keep them equal.
Use broadcast and all_reduce_mean below: the check counts what they move.

Read: torch.nn.DataParallel, torch.nn.parallel.DistributedDataParallel, torch.func.functional_call
"""
import torch
import torch.nn.functional as F
from torch.func import functional_call


def broadcast(p):
    """Copy a master tensor to one replica (on GPUs: to another device); gradients flow back to the master."""
    return p.clone()


def all_reduce_mean(tensors):
    """DDP's all-reduce: every tensor of the list becomes, in place, the mean of them all."""
    mean = torch.stack([t.detach() for t in tensors]).mean(0)
    for t in tensors:
        t.detach().copy_(mean)


def dp_step(model, optimizer, x, y, n):
    optimizer.zero_grad()
    params = dict(model.named_parameters())
    replicas = [{name: broadcast(p) for name, p in params.items()} for _ in range(n)]
    outs = [functional_call(model, rep, (xc,)) for rep, xc in zip(replicas, x.chunk(n))]
    F.mse_loss(torch.cat(outs), y).backward()
    optimizer.step()


def ddp_step(replicas, optimizers, x, y):
    n = len(replicas)
    for model, opt, xc, yc in zip(replicas, optimizers, x.chunk(n), y.chunk(n)):
        opt.zero_grad()
        F.mse_loss(model(xc), yc).backward()
    for params in zip(*(m.parameters() for m in replicas)):
        all_reduce_mean([p.grad for p in params])
    for opt in optimizers:
        opt.step()


if __name__ == "__main__":
    import copy

    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(3, 8), torch.nn.Tanh(), torch.nn.Linear(8, 2))
    replicas = [copy.deepcopy(model) for _ in range(3)]
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    opts = [torch.optim.SGD(r.parameters(), lr=0.1) for r in replicas]
    x, y = torch.randn(12, 3), torch.randn(12, 2)
    dp_step(model, opt, x, y, 3)
    ddp_step(replicas, opts, x, y)
    print([torch.allclose(model[0].weight, r[0].weight) for r in replicas])   # DP's master == every DDP replica
