"""layers_conv1x1_linear: a 1x1 convolution is a Linear over channels.

A Conv2d with kernel_size=1 mixes the C input channels of each pixel into O
outputs with the same (O, C) matrix everywhere: exactly an nn.Linear(C, O)
applied to every pixel's channel vector.
1. `conv1x1_as_linear(conv)`: a NEW nn.Linear holding a COPY of the numbers
   (conv.weight has shape (O, C, 1, 1); copy the bias if the conv has one).
   It must not share memory with the conv: training one later must leave
   the other as it is (a view such as conv.weight.view(O, C) does not count).
2. `apply_per_pixel(linear, x)`: for x of shape (N, C, H, W), move the
   channels last, apply `linear`, move them back to (N, O, H, W).
Then apply_per_pixel(conv1x1_as_linear(conv), x) equals conv(x).

Read: torch.Tensor.permute (vs reshape), torch.nn.Linear (it acts on the last dim)
"""
import torch
from torch import nn


@torch.no_grad()
def conv1x1_as_linear(conv: nn.Conv2d) -> nn.Linear:
    linear = nn.Linear(conv.in_channels, conv.out_channels, bias=conv.bias is not None)
    # TODO: copy the conv's numbers into linear.weight (and linear.bias)
    linear.weight.copy_(conv.weight[:, :, 0, 0])
    if conv.bias is not None:
        linear.bias.copy_(conv.bias)
    return linear


def apply_per_pixel(linear: nn.Linear, x: torch.Tensor) -> torch.Tensor:
    # TODO: (N, C, H, W) -> (N, H, W, C) -> linear -> (N, O, H, W)
    return linear(x.permute(0, 2, 3, 1)).permute(0, 3, 1, 2)


if __name__ == "__main__":
    conv, x = nn.Conv2d(3, 4, 1), torch.randn(2, 3, 5, 6)
    print((apply_per_pixel(conv1x1_as_linear(conv), x) - conv(x)).abs().max())
