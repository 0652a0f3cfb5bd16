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
            writer.add_scalar("train/loss", loss.item(), epoch)
        model.eval()
        with torch.no_grad():
            acc = (model(val_x).argmax(1) == val_y).float().mean().item()
        writer.add_scalar("val/accuracy", acc, epoch)
    writer.close()
