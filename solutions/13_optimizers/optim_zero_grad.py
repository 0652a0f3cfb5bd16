"""optim_zero_grad: None or zeros? It matters to Adam.

optimizer.zero_grad() clears the gradients before the next backward():
with set_to_none=True (the default) each .grad becomes None, with
set_to_none=False a tensor of zeros. An optimiser SKIPS a parameter whose
.grad is None; a zero gradient is still a step, and AdamW moves such a
parameter anyway (its momentum m, and the weight decay).
A TwoHeads model (below) was trained on tasks A and B together. Write
train_step_a(model, optimizer, x, y): ONE training step (AdamW) on task A
alone, loss = model.loss_a(x, y), after which head_b is EXACTLY as before.
When it is called, every .grad may still hold the last step's gradient.

Read: torch.optim.Optimizer.zero_grad, torch.optim.AdamW
"""
import torch
from torch import nn


def train_step_a(model, optimizer, x, y):
    optimizer.zero_grad()
    model.loss_a(x, y).backward()
    optimizer.step()


class TwoHeads(nn.Module):
    def __init__(self):
        super().__init__()
        self.trunk, self.head_a, self.head_b = nn.Linear(4, 8), nn.Linear(8, 1), nn.Linear(8, 1)

    def loss_a(self, x, y):
        return ((self.head_a(torch.tanh(self.trunk(x))) - y) ** 2).mean()

    def loss_b(self, x, y):
        return ((self.head_b(torch.tanh(self.trunk(x))) - y) ** 2).mean()


if __name__ == "__main__":
    model = TwoHeads()
    opt = torch.optim.AdamW(model.parameters(), lr=0.01)
    x, y = torch.randn(8, 4), torch.randn(8, 1)
    (model.loss_a(x, y) + model.loss_b(x, y)).backward()
    opt.step()
    before = model.head_b.weight.detach().clone()
    train_step_a(model, opt, x, y)
    print("head_b moved by", (model.head_b.weight.detach() - before).abs().max().item(), "(expected 0.0)")
