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
    writer = SummaryWriter(log_dir)
    step = 0
    for epoch in range(1, epochs + 1):
        model.train()
        for x, y in loader:
            with torch.autocast("cpu", dtype=torch.bfloat16):
                loss = F.cross_entropy(model(x), y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            step += 1
            writer.add_scalar("train/loss", loss.item(), step)
        model.eval()
        with torch.no_grad():
            acc = (model(val_x).argmax(1) == val_y).float().mean().item()
        writer.add_scalar("val/accuracy", acc, epoch)
    writer.close()
