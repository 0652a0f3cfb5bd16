from collections import OrderedDict

import torch
from torch import nn


def make_classifier(n_in, n_hidden, n_out):
    return nn.Sequential(OrderedDict([
        ("fc1", nn.Linear(n_in, n_hidden)),
        ("act", torch.relu),
        ("fc2", nn.Linear(n_hidden, n_out)),
    ]))
