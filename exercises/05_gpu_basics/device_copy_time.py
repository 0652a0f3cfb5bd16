"""device_copy_time: time a copy to a device, and spot an impossible number.

Data on its way to a GPU crosses a bus (PCIe: about 10-50 GB/s), and that
time must be earned back by the GPU's speed. Write `copy_seconds(x,
device)`: the median seconds one copy of x to `device` takes, measured
with torch.utils.benchmark.Timer (it waits for a GPU to finish each run).

The check runs it with device="cpu" as well. There x.to("cpu") returns x
itself (see device_to_copy): nothing moves, and ~1 us for 16 MB would
mean 16 TB/s, faster than any memory. Make every timed run a real copy
to `device`.

Read: torch.utils.benchmark.Timer, torch.Tensor.to (copy=)
"""
import torch
from torch.utils import benchmark


def copy_seconds(x: torch.Tensor, device) -> float:
    # TODO: the median time of one real copy of x to device
    ...


if __name__ == "__main__":
    x = torch.randn(4_000_000)  # 16 MB
    for device in ["cpu"] + (["cuda"] if torch.cuda.is_available() else []):
        seconds = copy_seconds(x, device)
        print(f"to {device}: {seconds * 1e3:.2f} ms, {x.nbytes / seconds / 1e9:.1f} GB/s")
