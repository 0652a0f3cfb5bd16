"""cuda_events: time GPU work with the GPU's own clock.

torch.cuda.Event(enable_timing=True) is a marker in the GPU's queue:
event.record() queues it, and the GPU notes the time when it gets there.
start.elapsed_time(end) is the MILLISECONDS between two recorded events,
once both have happened: wait for the end event (end.synchronize()) first.
Python's speed and other programs on the CPU stay out of this number.

Write `gpu_ms_per_call(fn, repeats)`: the milliseconds one call of fn()
takes on the GPU, from CUDA events recorded around `repeats` calls.
Run the file to compare a matrix product on the CPU and on the GPU.

Read: torch.cuda.Event, Event.record, Event.synchronize, Event.elapsed_time
"""
import torch
from torch.utils import benchmark


def gpu_ms_per_call(fn, repeats: int) -> float:
    # TODO: events around `repeats` calls of fn(); wait for the end; ms per call
    ...


if __name__ == "__main__":
    a, b = torch.randn(2048, 2048), torch.randn(2048, 2048)
    cpu_ms = benchmark.Timer("a @ b", globals={"a": a, "b": b}).blocked_autorange().median * 1e3
    a, b = a.cuda(), b.cuda()
    gpu_ms = gpu_ms_per_call(lambda: a @ b, 20)
    print(f"cpu {cpu_ms:.2f} ms, gpu {gpu_ms:.3f} ms: {cpu_ms / gpu_ms:.0f}x")
