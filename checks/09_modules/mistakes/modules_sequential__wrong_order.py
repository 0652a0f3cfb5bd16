from collections import OrderedDict

from torch import nn


def make_classifier(n_in, n_hidden, n_out):
    return nn.Sequential(OrderedDict([
        ("act", nn.ReLU()),
        ("fc1", nn.Linear(n_in, n_hidden)),
        ("fc2", nn.Linear(n_hidden, n_out)),
    ]))
