"""cuda_memory: memory in use vs memory kept, and empty_cache.

Asking the GPU for memory is slow, so PyTorch's caching allocator keeps
freed blocks to reuse them. torch.cuda.memory_allocated() is the bytes
held by live tensors; torch.cuda.memory_reserved() is what the allocator
holds from the GPU (live tensors plus its cache: what nvidia-smi shows).
Deleting a tensor lowers the first but not the second;
torch.cuda.empty_cache() hands the unused cache back to the GPU.

Write `memory_story(n)`: make a float32 tensor of n elements on the GPU,
delete it, then empty the cache. Return three (allocated, reserved) pairs
of bytes: measured after making the tensor, after deleting it, after
emptying the cache.

Read: torch.cuda.memory_allocated, torch.cuda.memory_reserved,
torch.cuda.empty_cache, "CUDA semantics: memory management"
"""
import torch


def memory_story(n: int) -> list[tuple[int, int]]:
    # TODO: three (allocated, reserved) measurements around make / del / empty_cache
    ...


if __name__ == "__main__":
    for step, (allocated, reserved) in zip(["made", "deleted", "emptied"], memory_story(64_000_000)):
        print(f"{step:8} allocated {allocated / 2**20:7.1f} MiB, reserved {reserved / 2**20:7.1f} MiB")
