"""amp_grad_scaler: float16 training with a GradScaler, clipping included.

float16 loses small gradients (amp_underflow). A GradScaler multiplies the
loss by a large scale before backward, so every gradient is scaled up with
it; before the optimizer uses them they must be divided back. Its four calls:
scaler.scale(loss) (backward on that), scaler.unscale_(optimizer) (divides
the gradients; needed before anything reads them, such as clipping),
scaler.step(optimizer) (steps, unless a gradient is inf or nan: then it
skips the step), scaler.update() (lowers the scale after a skipped step,
raises it after a run of good ones).

Write `train_step(model, optimizer, scaler, x, y, max_norm)`: one step with
float16 autocast on x's device: clear the gradients, forward and
cross-entropy loss under autocast, scaled backward, clip the gradients'
total norm to max_norm, step and update through the scaler. Return the
(unscaled) loss as a Python float.

Read: torch.amp.GradScaler, torch.nn.utils.clip_grad_norm_,
"Automatic Mixed Precision examples" (gradient clipping)
"""
import torch
import torch.nn.functional as F
from torch import nn


def train_step(model: nn.Module, optimizer: torch.optim.Optimizer, scaler: torch.amp.GradScaler,
               x: torch.Tensor, y: torch.Tensor, max_norm: float) -> float:
    optimizer.zero_grad()
    with torch.autocast(x.device.type, dtype=torch.float16):
        loss = F.cross_entropy(model(x), y)
    scaler.scale(loss).backward()
    nn.utils.clip_grad_norm_(model.parameters(), max_norm)
    scaler.step(optimizer)
    scaler.update()
    return loss.item()


if __name__ == "__main__":
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 3))
    opt = torch.optim.SGD(model.parameters(), lr=0.5)
    scaler = torch.amp.GradScaler("cpu", init_scale=2.0**10, growth_interval=2)
    x, y = torch.randn(64, 4), torch.randint(0, 3, (64,))
    for _ in range(5):
        print(round(train_step(model, opt, scaler, x, y, max_norm=1.0), 4), scaler.get_scale())
