"""modules_sequential: chaining layers with nn.Sequential, with names.

nn.Sequential(a, b, c) runs its children in order: output = c(b(a(x))).
Its children are named "0", "1", "2"; give them readable names by passing
one OrderedDict of name -> module instead. Every child must be a Module:
use nn.ReLU() (a layer), not torch.relu (a function).

Make make_classifier(n_in, n_hidden, n_out) return an nn.Sequential whose
children are, in order: "fc1" = Linear(n_in, n_hidden), "act" = ReLU,
"fc2" = Linear(n_hidden, n_out).

Read: torch.nn.Sequential, collections.OrderedDict
"""
from collections import OrderedDict

import torch
from torch import nn


def make_classifier(n_in: int, n_hidden: int, n_out: int) -> nn.Sequential:
    # TODO: an nn.Sequential built from an OrderedDict with fc1, act, fc2
    ...


if __name__ == "__main__":
    net = make_classifier(4, 8, 3)
    print(net)
    print(net.fc1 is net[0])
