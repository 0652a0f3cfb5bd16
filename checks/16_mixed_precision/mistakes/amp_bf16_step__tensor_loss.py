"""amp_bf16_step: a training step in bfloat16, with no gradient scaler.

bfloat16 has float32's range, so gradients do not underflow (amp_underflow):
a bfloat16 step needs no loss scaling. Only the forward and the loss go
inside the autocast block; backward() runs after it (each op's backward uses
the dtype its forward used), and the gradients arrive in float32, the
dtype of the float32 weights the optimizer updates.

Write `train_step(model, optimizer, x, y)`: one step of mixed-precision
training with bfloat16 autocast on x's device: clear the old gradients,
forward and cross-entropy loss under autocast, backward, optimizer step.
Return the loss as a Python float. The model stays float32.

Read: torch.autocast, "Automatic Mixed Precision examples" (typical usage)
"""
import torch
import torch.nn.functional as F
from torch import nn


def train_step(model: nn.Module, optimizer: torch.optim.Optimizer, x: torch.Tensor, y: torch.Tensor) -> float:
    optimizer.zero_grad()
    with torch.autocast(x.device.type, dtype=torch.bfloat16):
        loss = F.cross_entropy(model(x), y)
    loss.backward()
    optimizer.step()
    return loss


if __name__ == "__main__":
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 3))
    opt = torch.optim.SGD(model.parameters(), lr=0.5)
    x, y = torch.randn(64, 4), torch.randint(0, 3, (64,))
    print([round(train_step(model, opt, x, y), 3) for _ in range(5)], model[0].weight.dtype)
