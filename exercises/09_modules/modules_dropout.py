"""modules_dropout: inverted dropout, written by hand.

nn.Dropout(p), in training mode, zeroes each element independently with
probability p and multiplies the survivors by 1 / (1 - p), so the expected
value of every output equals its input ("inverted" dropout: nothing needs
rescaling at test time). In eval mode it returns x unchanged.

Finish MyDropout(p) (0 <= p < 1) that way: a fresh random mask at every call
(torch.rand_like helps). Not allowed: nn.Dropout, F.dropout, torch.dropout.

Read: torch.nn.Dropout, torch.rand_like
"""
import torch
from torch import nn


class MyDropout(nn.Module):
    def __init__(self, p: float = 0.5):
        super().__init__()
        self.p = p

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO: in training mode keep each element with probability 1 - p, scaled by 1 / (1 - p)
        raise NotImplementedError


if __name__ == "__main__":
    drop = MyDropout(0.5)
    print(drop(torch.ones(10)))         # about half 0.0, the rest 2.0
    print(drop.eval()(torch.ones(10)))  # all 1.0
