"""autograd_requires_grad: ask autograd to track a tensor.

Autograd records only the operations done on tensors with
`requires_grad=True`. A tensor you create yourself (not computed from other
tracked tensors) is a *leaf* of the graph: its gradient lands in its `.grad`.

Make `make_leaf(values)` return a float32 tensor holding `values` (a list,
possibly nested, possibly of ints) that requires grad and is a leaf.

Read: torch.tensor (dtype=, requires_grad=), Tensor.requires_grad_, Tensor.is_leaf
https://pytorch.org/docs/stable/notes/autograd.html
"""
import torch


def make_leaf(values):
    # TODO: a float32 tensor made from `values`, tracked by autograd, and a leaf
    return torch.tensor(values, dtype=torch.float32, requires_grad=True)


if __name__ == "__main__":
    w = make_leaf([1, 2, 3])
    print(w, "| is_leaf:", w.is_leaf, "| grad_fn:", w.grad_fn)
