"""perf_host_syncs: keep the loop on the device; read the numbers once.

`loss.item()` copies a number from the device to Python. On a GPU that is
a host sync: Python stops until every queued kernel has run, and the GPU
then idles while Python queues the next step. One per step (to log the
loss) can cost more than the step itself. float(t), t.tolist(), t.cpu(),
print(t) and `if t > 0:` are syncs too.

Write `train(model, opt, batches, log_every)`: one optimiser step per
(x, y) batch, with the MSE loss, and return the losses of steps 0,
log_every, 2 * log_every, ... (before each step's update) as a list of
Python floats. Read values back to Python at most ONCE in the whole call.

Read: torch.Tensor.detach, torch.stack, torch.Tensor.tolist,
"CUDA semantics" (asynchronous execution)
"""
import torch
from torch import nn


def train(model: nn.Module, opt: torch.optim.Optimizer, batches, log_every: int) -> list[float]:
    logged = []
    for step, (x, y) in enumerate(batches):
        loss = nn.functional.mse_loss(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        if step % log_every == 0:
            logged.append(loss.item())  # only every log_every steps
    return logged


if __name__ == "__main__":
    torch.manual_seed(0)
    model = nn.Linear(4, 1)
    batches = [(torch.randn(8, 4), torch.randn(8, 1)) for _ in range(10)]
    print(train(model, torch.optim.SGD(model.parameters(), lr=0.1), batches, log_every=3))
