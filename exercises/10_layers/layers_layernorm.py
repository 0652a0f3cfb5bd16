"""layers_layernorm: LayerNorm over the last dimensions.

nn.LayerNorm(normalized_shape, eps=1e-5, elementwise_affine=True) normalises
each sample over its LAST len(normalized_shape) dims (not over the batch):
    y = (x - mean) / sqrt(var + eps) * weight + bias      (var biased: divide by n)
normalized_shape is an int (the last dim) or a tuple, e.g. (C, H, W); weight
(ones) and bias (zeros) have exactly that shape. With elementwise_affine=False
there are no parameters at all. It behaves the same in train and eval mode.
Write `MyLayerNorm` to match nn.LayerNorm (outputs and gradients).
Not allowed: F.layer_norm, nn.LayerNorm, torch.layer_norm.

Read: torch.nn.LayerNorm
"""
import torch
from torch import nn


class MyLayerNorm(nn.Module):
    def __init__(self, normalized_shape, eps: float = 1e-5, elementwise_affine: bool = True):
        super().__init__()
        if isinstance(normalized_shape, int):
            normalized_shape = (normalized_shape,)
        self.normalized_shape, self.eps = tuple(normalized_shape), eps
        # TODO: weight (ones) and bias (zeros) of shape normalized_shape, or None for both
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        dims = tuple(range(-len(self.normalized_shape), 0))  # the last dims
        # TODO: normalise over `dims`, then apply weight and bias if there are any
        raise NotImplementedError


if __name__ == "__main__":
    ln = MyLayerNorm((2, 3))
    print(ln(torch.arange(12.0).reshape(2, 2, 3)))
