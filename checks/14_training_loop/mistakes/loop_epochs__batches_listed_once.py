"""loop_epochs: the same step, over and over: batches inside epochs.

Write train(model, loss_fn, optimizer, loader, epochs): `epochs` full passes
over `loader`, which yields batches (x, y) (a DataLoader: iterate it once per
epoch, it reshuffles each time). Every batch gets one training step (zero_grad,
forward, loss, backward, step, as in loop_step).

Return the list of every batch's loss as Python floats, in the order they were
computed (epochs x batches values): that list is the training curve.

Read: torch.utils.data.DataLoader (iterating it), torch.Tensor.item
"""
import torch
from torch import nn


def train(model, loss_fn, optimizer, loader, epochs):
    losses = []
    batches = list(loader)
    for _ in range(epochs):
        for x, y in batches:
            optimizer.zero_grad()
            loss = loss_fn(model(x), y)
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses


if __name__ == "__main__":
    from dlings import data

    torch.manual_seed(0)
    train_set = data.spirals(600, classes=3, seed=0)
    loader = torch.utils.data.DataLoader(train_set, batch_size=32, shuffle=True)
    model = nn.Sequential(nn.Linear(2, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 3))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    curve = train(model, nn.CrossEntropyLoss(), optimizer, loader, epochs=10)
    print(f"first loss {curve[0]:.3f}, last {curve[-1]:.3f}, {len(curve)} steps")
