"""loop_accumulate: a big batch's step, in small pieces.

When a batch does not fit in memory, split it into micro-batches, call
backward() on each (gradients add up in .grad) and step once at the end.
Done right, the step equals the one on the whole batch.

Write accumulated_step(model, loss_fn, optimizer, x, y, micro_batches): one
optimizer step on the batch (x, y), computed in `micro_batches` pieces made
with torch.tensor_split(x, micro_batches) (and the same for y). The pieces may
differ in size (10 samples in 3 pieces: 4, 3, 3). loss_fn returns a piece's
MEAN loss; the accumulated gradient must equal the gradient of
loss_fn(model(x), y) on the whole batch, so weight each piece's loss by its
share of the samples. Return the whole batch's mean loss as a Python float.

Read: torch.tensor_split, "gradient accumulation"
"""
import torch
from torch import nn


def accumulated_step(model, loss_fn, optimizer, x, y, micro_batches):
    # TODO: zero_grad once; for each piece: its weighted loss, backward;
    # step once; return the whole batch's mean loss
    ...


if __name__ == "__main__":
    torch.manual_seed(0)
    x, y = torch.randn(10, 3), torch.randn(10, 1)
    a = nn.Linear(3, 1)
    b = nn.Linear(3, 1)
    b.load_state_dict(a.state_dict())
    opt_a, opt_b = torch.optim.SGD(a.parameters(), lr=0.1), torch.optim.SGD(b.parameters(), lr=0.1)
    accumulated_step(a, nn.MSELoss(), opt_a, x, y, 3)
    opt_b.zero_grad()
    nn.MSELoss()(b(x), y).backward()
    opt_b.step()
    print("same step:", torch.allclose(a.weight, b.weight), torch.allclose(a.bias, b.bias))
