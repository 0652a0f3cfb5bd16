import torch

if torch.cuda.is_available():
    DEVICE = torch.device("cuda")
elif torch.backends.mps.is_available():
    DEVICE = torch.device("mps")
else:
    DEVICE = torch.device("cpu")


def pick_device(force_cpu: bool = False) -> torch.device:
    return torch.device("cpu") if force_cpu else DEVICE
