"""loop_checkpoint: save a run to disk, load it back, go on as if nothing happened.

Write save_checkpoint(path, model, optimizer, epoch): one torch.save of a dict
holding the model's state_dict, the optimizer's state_dict (Adam's running
averages and step counts live there: without them the resumed run differs)
and epoch, the number of epochs completed. Keep the file portable: state
dicts and numbers only, never a pickled model, so that
torch.load(path, weights_only=True) can read it.

Write load_checkpoint(path, model, optimizer): load the file into the model
and optimizer it is given (freshly built the same way as the saved ones) and
return the saved epoch.

Read: "Saving and loading a general checkpoint" (PyTorch recipes),
torch.save, torch.load (weights_only), load_state_dict
"""
import torch
from torch import nn


def save_checkpoint(path, model, optimizer, epoch):
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "epoch": epoch}, path)


def load_checkpoint(path, model, optimizer):
    checkpoint = torch.load(path, weights_only=True)
    model.load_state_dict(checkpoint["model"])
    optimizer.load_state_dict(checkpoint["optimizer"])
    return checkpoint["epoch"] + 1


if __name__ == "__main__":
    import os
    import tempfile

    torch.manual_seed(0)
    model = nn.Linear(3, 1)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.1)
    model(torch.randn(4, 3)).sum().backward()
    optimizer.step()
    path = os.path.join(tempfile.mkdtemp(), "checkpoint.pt")
    save_checkpoint(path, model, optimizer, epoch=1)
    fresh = nn.Linear(3, 1)
    fresh_optimizer = torch.optim.Adam(fresh.parameters(), lr=0.1)
    print("resume after epoch", load_checkpoint(path, fresh, fresh_optimizer),
          "same weights:", torch.equal(fresh.weight, model.weight))
