"""device_meta_sizes: size up a model too big for this machine, on "meta".

A tensor on the "meta" device has a shape and a dtype but no data: it
costs no memory, and operations on it only work out the result's shape.
Inside `with torch.device("meta"):` every new tensor, and every weight of
a new model, is made there.

`build()` makes a model of nn.Linear layers (the layer that maps
(batch, in_features) to (batch, out_features) with a weight and a bias);
some of these models would need more memory than this machine has. Write
`describe(build, input_shape)` returning a pair: the bytes the model's
parameters take, and the shape (a tuple) of its output for an input of
`input_shape`, without ever creating the model or the input for real.

Read: "Meta device" in the torch docs, torch.Tensor.element_size,
torch.nn.Module.parameters
"""
import torch
from torch import nn


def describe(build, input_shape):
    with torch.device("meta"):
        model = build()
        x = torch.empty(input_shape)
    n_bytes = sum(p.numel() * p.element_size() for p in model.parameters())
    return n_bytes, tuple(model(x).shape)


if __name__ == "__main__":
    huge = lambda: nn.Linear(100_000, 200_000)  # 80 GB of float32 weights
    print(describe(huge, (8, 100_000)))
