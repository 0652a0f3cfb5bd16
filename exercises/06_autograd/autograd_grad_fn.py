"""autograd_grad_fn: look at the graph autograd records.

Every tensor computed from tracked tensors has a `.grad_fn`: the backward
node of the operation that made it (MulBackward0, SumBackward0...). Each node
lists its inputs in `node.next_functions`, a tuple of (node, index) pairs;
the node is None for inputs that need no gradient, and leaves that require
grad end in an `AccumulateGrad` node (it fills their `.grad`).

Make `graph_ops(t)` return the set of names (`type(node).__name__`) of every
node reachable from `t.grad_fn`, that node included. A leaf has no grad_fn:
return an empty set.

Read: https://pytorch.org/docs/stable/notes/autograd.html (How autograd encodes the history)
"""
import torch


def graph_ops(t):
    names = set()
    # TODO: visit t.grad_fn and, through next_functions, every node below it;
    # add each node's name to `names` (skip the None entries)
    ...
    return names


if __name__ == "__main__":
    x = torch.randn(3, requires_grad=True)
    y = (x.sin() * 2).sum()
    print(graph_ops(y))   # {'SumBackward0', 'MulBackward0', 'SinBackward0', 'AccumulateGrad'}
