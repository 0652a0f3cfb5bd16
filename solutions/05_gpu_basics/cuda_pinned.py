"""cuda_pinned: pinned memory lets a copy to the GPU run in the background.

The GPU can copy from page-locked ("pinned") CPU memory on its own. From
ordinary memory the CPU has to stage the data itself, and waits. So with a
pinned source, x.to("cuda", non_blocking=True) only queues the copy and
returns at once: the CPU is free to prepare the next batch meanwhile.
(DataLoader(pin_memory=True) pins each batch for this.) Work queued on the
GPU after the copy sees it finished.

Write `pinned(x)`: a pinned copy of the CPU tensor x (x itself unchanged).
Write `upload(x)`: for a pinned x, start its copy to the GPU without
waiting for it, and return the GPU tensor.

Read: torch.Tensor.pin_memory, torch.Tensor.is_pinned, torch.Tensor.to (non_blocking)
"""
import time

import torch


def pinned(x: torch.Tensor) -> torch.Tensor:
    return x.pin_memory()


def upload(x: torch.Tensor) -> torch.Tensor:
    return x.to("cuda", non_blocking=True)


if __name__ == "__main__":
    x = pinned(torch.randn(64 * 2**20))  # 256 MB
    start = time.perf_counter()
    y = upload(x)
    queued = time.perf_counter() - start
    torch.cuda.synchronize()
    done = time.perf_counter() - start
    print(f"upload returned after {queued * 1e3:.2f} ms; the copy was done after {done * 1e3:.2f} ms")
