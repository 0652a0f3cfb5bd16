"""amp_softmax_float32: the model in 16 bits, the probabilities and the loss in float32.

A softmax turns logits into probabilities that can be tiny; in 16 bits they
keep only 2-3 significant digits. On a CUDA GPU autocast runs softmax in
float32 by itself; on the CPU it does not (amp_op_dtypes showed it), so cast
the logits to float32 before the softmax yourself. A loss computed inside
the autocast block is float32 already; one computed after it, from 16-bit
logits, is not.

Write `predict_with_loss(model, x, y)`: the model's forward under autocast
for x's device (bfloat16 on "cpu", float16 on "cuda"), then return
(probs, loss): the softmax over dim 1 of the logits, in float32, and the
mean cross-entropy of the logits against labels y, a float32 scalar. Cast
the 16-bit logits up once; do not run the model in float32.

Read: torch.autocast, torch.Tensor.float, torch.softmax (its dtype argument)
"""
import torch
import torch.nn.functional as F
from torch import nn


def predict_with_loss(model: nn.Module, x: torch.Tensor, y: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    device_type = x.device.type
    dtype = torch.float16 if device_type == "cuda" else torch.bfloat16
    logits = model(x)
    logits = logits.float()
    return torch.softmax(logits, dim=1), F.cross_entropy(logits, y)


if __name__ == "__main__":
    model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3))
    probs, loss = predict_with_loss(model, torch.randn(5, 4), torch.tensor([0, 1, 2, 0, 1]))
    print(probs.dtype, loss.dtype, probs.sum(dim=1))
