"""rnn_tbptt: train on a long sequence with truncated backpropagation through time.

Backpropagating through a whole long sequence costs memory and time that grow
with its length. Truncated BPTT cuts it into chunks of `chunk` steps (the last
one shorter if need be) and makes one update per chunk: the STATE flows on
from chunk to chunk (the model keeps its memory), but the GRADIENT stops at
each chunk's start, because the carried state is DETACHED from the graph of
the chunk before. Write train_tbptt(model, x, y, optimizer, chunk): x and y
(batch, T, 1); in order, for each chunk: pred, state = model(x_chunk, state)
(state None for the first), MSE of pred against y_chunk, zero the gradients,
backward, optimizer.step(). Return the chunk losses as a list of Python floats.

Read: torch.Tensor.detach, torch.Tensor.split, torch.nn.functional.mse_loss
"""
import torch
import torch.nn.functional as F
from torch import nn


class Tracker(nn.Module):
    """Given: forward(x, state=None) -> (pred (batch, T, 1), state), state the LSTM's (h, c)."""

    def __init__(self, hidden: int = 16):
        super().__init__()
        self.lstm = nn.LSTM(1, hidden, batch_first=True)
        self.head = nn.Linear(hidden, 1)

    def forward(self, x, state=None):
        out, state = self.lstm(x, state)
        return self.head(out), state


def train_tbptt(model: nn.Module, x: torch.Tensor, y: torch.Tensor, optimizer: torch.optim.Optimizer,
                chunk: int) -> list[float]:
    # TODO: for each chunk: detach the carried state, forward, loss, zero_grad, backward, step
    ...


if __name__ == "__main__":
    torch.manual_seed(0)
    x = torch.randn(8, 200, 1)
    y = 0.1 * x.cumsum(dim=1)  # a running sum: needs memory across chunks
    model = Tracker()
    opt = torch.optim.Adam(model.parameters(), lr=1e-2)
    for epoch in range(3):
        print(epoch, sum(train_tbptt(model, x, y, opt, chunk=20)))
