import torch


def load_to(path, device):
    ckpt = torch.load(path)
    ckpt["model"] = {k: v.to(device) for k, v in ckpt["model"].items()}
    return ckpt
