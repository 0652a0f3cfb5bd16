"""cap_amp_logging: the project, step 4 of 5: mixed precision, and a record you can look at.

Write train_logged(model, optimizer, loader, val_x, val_y, *, epochs, log_dir):
train `epochs` passes over loader with bfloat16 autocast on the CPU (the
forward and the cross-entropy loss inside torch.autocast; backward and the
optimizer step after it; the model stays float32), and log to TensorBoard
with a SummaryWriter writing to log_dir:
- "train/loss": the loss of every batch, at global steps 1, 2, 3, ... (one
  step per batch, counted across epochs);
- "val/accuracy": after each epoch, the accuracy on (val_x, val_y) in eval
  mode, without gradients and without autocast, at step = the epoch (1, 2, ...).
Close the writer before returning: events wait in a queue until then.
Watch it: `tensorboard --logdir <log_dir>`. (On a CPU without bfloat16
instructions autocast is slower than float32; it is here for correctness.)

Read: torch.autocast, torch.utils.tensorboard.SummaryWriter (add_scalar, close)
"""
import torch
import torch.nn.functional as F
from torch.utils.tensorboard import SummaryWriter


def train_logged(model, optimizer, loader, val_x, val_y, *, epochs, log_dir):
    # TODO: a SummaryWriter on log_dir; each batch: forward + loss under bfloat16 autocast, backward, step,
    #       log train/loss at the global step; each epoch: log val/accuracy at the epoch; close the writer
    ...
