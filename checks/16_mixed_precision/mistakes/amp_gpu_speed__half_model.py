"""amp_gpu_speed: the float16 speed-up, measured on a CUDA GPU.

On a GPU, float16 matrix products run on tensor cores, several times faster
than float32 ones (with TF32 off, its default for matmul). That speed-up is
what autocast is for; on a CPU you will not see it.

Write `forward_ms(model, x, amp, repeats=10)`: the mean GPU time in
milliseconds of one forward of model(x), without gradients, under float16
autocast when amp is True and in plain float32 when it is False. Run one
forward first as a warm-up (not timed), then time `repeats` forwards with
CUDA events (track 05, cuda_events). The model and x are on the GPU.

Read: torch.autocast (its enabled argument), torch.cuda.Event
"""
import torch
from torch import nn


def forward_ms(model: nn.Module, x: torch.Tensor, amp: bool, repeats: int = 10) -> float:
    if amp:
        model, x = model.half(), x.half()
    with torch.no_grad():
        model(x)
        start = torch.cuda.Event(enable_timing=True)
        end = torch.cuda.Event(enable_timing=True)
        start.record()
        for _ in range(repeats):
            model(x)
        end.record()
        end.synchronize()
    return start.elapsed_time(end) / repeats


if __name__ == "__main__":
    model = nn.Sequential(*[nn.Linear(4096, 4096) for _ in range(4)]).cuda()
    x = torch.randn(4096, 4096, device="cuda")
    fp32, fp16 = forward_ms(model, x, amp=False), forward_ms(model, x, amp=True)
    print(f"float32 {fp32:.2f} ms, float16 autocast {fp16:.2f} ms: {fp32 / fp16:.1f}x")
