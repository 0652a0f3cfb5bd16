"""dist_ddp_step: DistributedDataParallel, many small batches that add up to one large one.

The check starts 2 processes (ranks) on the CPU, joined in a gloo process
group, gives each rank the same freshly made model and its own half of a
batch, and calls ddp_train_step(model, x, y, lr) on every rank. Write it:
wrap model in DistributedDataParallel, take ONE SGD step (learning rate lr)
on the mean squared error of the wrapped model's output against y.
DDP averages the gradients of all ranks during backward(), so after the
step every rank's model must hold exactly the parameters one process would
reach with one step on the whole batch. model is changed in place.

Read: torch.nn.parallel.DistributedDataParallel, torch.distributed (gloo)
"""
import torch
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel as DDP


def ddp_train_step(model, x, y, lr):
    # TODO: wrap the model, then one SGD step on the MSE of the WRAPPED model's output
    ...
