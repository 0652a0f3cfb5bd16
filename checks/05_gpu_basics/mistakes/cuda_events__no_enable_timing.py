import torch


def gpu_ms_per_call(fn, repeats: int) -> float:
    start = torch.cuda.Event()
    end = torch.cuda.Event()
    start.record()
    for _ in range(repeats):
        fn()
    end.record()
    end.synchronize()
    return start.elapsed_time(end) / repeats
