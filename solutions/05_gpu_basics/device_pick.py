"""device_pick: use the best device this machine has.

Write `pick_device(force_cpu=False)` so that it returns a torch.device:
"cuda" when a CUDA GPU is present, else "mps" (an Apple-silicon GPU) when
present, else "cpu". With force_cpu=True it returns "cpu" whatever is
present (handy when debugging). Ask torch every time the function is
called, with torch.cuda.is_available() and torch.backends.mps.is_available():
the check fakes their answers to try every kind of machine.

Read: torch.device, torch.cuda.is_available, torch.backends.mps.is_available
"""
import torch


def pick_device(force_cpu: bool = False) -> torch.device:
    if force_cpu:
        return torch.device("cpu")
    if torch.cuda.is_available():
        return torch.device("cuda")
    if torch.backends.mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


if __name__ == "__main__":
    device = pick_device()
    print("the best device here:", device)
    print(torch.ones(2, 3, device=device))
