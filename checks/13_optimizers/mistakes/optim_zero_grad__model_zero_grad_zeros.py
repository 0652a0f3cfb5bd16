import torch
from torch import nn


def train_step_a(model, optimizer, x, y):
    model.zero_grad(set_to_none=False)
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
