"""bench_matmul_flops: how fast is a matrix product, in FLOP/s?

An (n, n) @ (n, n) product computes n * n outputs, each with n multiplies
and n adds: 2 * n**3 floating-point operations (FLOPs). Divided by the
seconds it takes, that is the speed in FLOP/s: a laptop CPU core reaches
tens of GFLOP/s (1e9), a data-centre GPU tens of TFLOP/s (1e12).

Write `matmul_speed(n, device)`: make two random float32 (n, n) matrices on
`device`, time their product with torch.utils.benchmark.Timer (only the
product, not making the matrices), and return the pair
(seconds per product, FLOP/s). Run the file to compare CPU and GPU.

Read: torch.utils.benchmark.Timer, torch.randn (device=)
"""
import torch
from torch.utils import benchmark


def matmul_speed(n: int, device) -> tuple[float, float]:
    a = torch.randn(n, n, device=device)
    b = torch.randn(n, n, device=device)
    seconds = benchmark.Timer("a @ b", globals={"a": a, "b": b}).blocked_autorange(min_run_time=0.05).median
    return seconds, 2 * n**3 / seconds


if __name__ == "__main__":
    for device in ["cpu"] + (["cuda"] if torch.cuda.is_available() else []):
        seconds, speed = matmul_speed(1024, device)
        print(f"{device}: {seconds * 1e3:.2f} ms per product, {speed / 1e9:.0f} GFLOP/s")
