import torch
def load_to(path, device):
    return torch.load(path, map_location={"cuda:0": str(device)})
