"""device_move_batch: move a whole batch, however it is nested.

A batch is often a structure: a tuple (inputs, labels), a dict of tensors,
lists of them, with other things mixed in (file names, a count). Write
`move_batch(batch, device)`: the same structure with every tensor moved to
`device` (each keeps its dtype) and everything else left as it is (the
very same object). At any depth, dicts stay dicts with the same keys in
the same order, lists stay lists and tuples stay tuples. The caller's
batch is left as it was: build new containers.

Read: torch.Tensor.to, isinstance, recursion
"""
import torch


def move_batch(batch, device):
    # TODO: tensors move, dicts/lists/tuples are rebuilt, anything else is returned as is
    ...


if __name__ == "__main__":
    batch = {"x": torch.randn(2, 3), "y": (torch.tensor([1, 0]), ["a.png", "b.png"]), "n": 2}
    print(move_batch(batch, "meta"))
