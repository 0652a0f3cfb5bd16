"""amp_gpu_memory: the float16 memory saving, measured on a CUDA GPU.

A training forward keeps activations for the backward pass; under float16
autocast they take 2 bytes a number instead of 4, so the peak memory of a
forward falls (the float32 weights, and their float16 copies, remain).

Write `forward_peak_bytes(model, x, amp)`: run one training forward
out = model(x) (gradients on, so activations are kept), under float16
autocast when amp is True and in float32 when it is False. Return the peak
GPU memory that forward added, in bytes: the most allocated during it
minus what was allocated just before it. Earlier peaks must not count.

Read: torch.cuda.memory_allocated, torch.cuda.max_memory_allocated,
torch.cuda.reset_peak_memory_stats
"""
import torch
from torch import nn


def forward_peak_bytes(model: nn.Module, x: torch.Tensor, amp: bool) -> int:
    torch.cuda.synchronize()
    before = torch.cuda.memory_allocated()
    torch.cuda.reset_peak_memory_stats()
    with torch.autocast("cuda", dtype=torch.float16, enabled=amp):
        out = model(x)
    torch.cuda.synchronize()
    peak = torch.cuda.max_memory_allocated()
    del out
    return peak


if __name__ == "__main__":
    model = nn.Sequential(*[m for _ in range(6) for m in (nn.Linear(2048, 2048), nn.ReLU())]).cuda()
    x = torch.randn(8192, 2048, device="cuda")
    fp32, fp16 = forward_peak_bytes(model, x, amp=False), forward_peak_bytes(model, x, amp=True)
    print(f"float32 {fp32 / 2**20:.0f} MiB, float16 autocast {fp16 / 2**20:.0f} MiB: {fp16 / fp32:.2f}")
