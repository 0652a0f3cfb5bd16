"""perf_batch_throughput: samples per second at each batch size.

Every training step pays a fixed cost (Python, launching each op, the
optimiser update) and a cost per sample. Small batches spend most of their
time on the fixed part; larger ones share it among more samples, so the
throughput, in samples per second, rises with the batch size, then levels
off once the per-sample work dominates. Measure it before choosing.

Write `throughput(step, batch_sizes)`: for each b, time step(b) (one
training step on a batch of b samples) with torch.utils.benchmark.Timer,
and return a dict {b: samples per second}, that is b divided by the median
seconds of one step.

Read: torch.utils.benchmark.Timer, Measurement.median
"""
import torch
from torch import nn
from torch.utils import benchmark


def throughput(step, batch_sizes) -> dict:
    result = {}
    for b in batch_sizes:
        timer = benchmark.Timer("step(b)", globals={"step": step, "b": b})
        result[b] = 1 / timer.blocked_autorange(min_run_time=0.05).median
    return result


if __name__ == "__main__":
    model = nn.Sequential(nn.Linear(32, 64), nn.ReLU(), nn.Linear(64, 1))
    opt = torch.optim.SGD(model.parameters(), lr=0.01)

    def step(b):
        loss = model(torch.randn(b, 32)).square().mean()
        opt.zero_grad()
        loss.backward()
        opt.step()

    for b, rate in throughput(step, [1, 8, 64, 512]).items():
        print(f"batch {b:4}: {rate:9.0f} samples/s")
