"""deploy_map_location: load a GPU checkpoint onto any device.

Every tensor in a checkpoint remembers the device it was saved from. On a
machine without that device, torch.load fails while READING the file, so
moving the tensors afterwards is too late: map_location tells torch.load
where to put every storage as it reads them, nested ones included.

Write load_to(path, device): load the training checkpoint at `path` (a dict
holding a model state_dict, an optimizer state_dict and plain numbers, saved
on a GPU) with EVERY tensor on `device`, which may be a string or a
torch.device: "cpu", or "meta" (shapes and dtypes only, no data read).
Return the checkpoint with its structure unchanged.

Read: torch.load (map_location), the meta device
"""
import torch
from torch import nn


def load_to(path: str, device: str | torch.device) -> dict:
    # TODO: load the checkpoint with every tensor placed on `device`
    return torch.load(path, map_location=device)


if __name__ == "__main__":
    import os
    import tempfile

    model = nn.Linear(3, 2)
    opt = torch.optim.Adam(model.parameters())
    path = os.path.join(tempfile.mkdtemp(), "ckpt.pt")
    torch.save({"model": model.state_dict(), "optimizer": opt.state_dict(), "epoch": 3}, path)
    print(load_to(path, "meta")["model"])
