from torch import nn


def make_classifier(n_in, n_hidden, n_out):
    net = nn.Sequential()
    net.fc1 = nn.Linear(n_in, n_hidden)
    net.fc2 = nn.Linear(n_hidden, n_out)
    net.act = nn.ReLU()
    return net
