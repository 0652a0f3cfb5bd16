"""layers_dropout: inverted dropout, and train vs eval mode.

In training, nn.Dropout(p) zeroes each element independently with probability
p and multiplies the survivors by 1 / (1 - p) ("inverted" dropout), so the
expected value of every element is unchanged and nothing needs rescaling at
test time. In eval mode (after .eval()) it returns the input unchanged.
Write `MyDropout(p)`: read `self.training` (set by .train() / .eval()), keep
gradients flowing, and make p = 1 give zeros (not NaN) that stay in the graph
like nn.Dropout's (x * 0: backward gives x a zero gradient, not an error).
Use torch's random generator (torch.rand_like or torch.bernoulli).
Not allowed: F.dropout, torch.dropout, nn.Dropout.

Read: torch.nn.Dropout, torch.nn.Module.train, torch.rand_like
"""
import torch
from torch import nn


class MyDropout(nn.Module):
    def __init__(self, p: float = 0.5):
        super().__init__()
        self.p = p

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO: identity in eval mode (or p == 0); zeros when p == 1;
        #       otherwise keep each element with probability 1 - p and scale it by 1 / (1 - p)
        raise NotImplementedError


if __name__ == "__main__":
    drop = MyDropout(0.5)
    print(drop(torch.ones(10)))
    print(drop.eval()(torch.ones(10)))
