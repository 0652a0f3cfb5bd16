"""perf_channels_last: keep channels_last all the way through.

Convolutions often run faster on channels_last tensors (see cnn_channels_last),
but only while the activations STAY channels_last. Code written for the
default layout can silently undo it: x.contiguous() means contiguous in
the DEFAULT layout, so on a channels_last x it copies the whole tensor
back, and the next convolution pays to convert again. Any needless
full-size tensor (a gate repeated to x's shape) costs memory traffic too.

`SqueezeExcite` scales each channel of a feature map by a gate computed
from that channel's mean. `slow_forward` is right but copies x. Write
`forward`: the same values for any (N, C, H, W) x, and for a channels_last
x a channels_last result made with no full-size copy on the way: the only
tensor as large as x that it creates is the result itself.

Read: torch.channels_last, torch.Tensor.is_contiguous(memory_format=...),
torch.Tensor.mean (dim as a tuple), "Channels Last Memory Format" tutorial
"""
import time

import torch
from torch import nn


class SqueezeExcite(nn.Module):
    def __init__(self, channels: int):
        super().__init__()
        self.fc = nn.Linear(channels, channels)

    def slow_forward(self, x: torch.Tensor) -> torch.Tensor:
        n, c, h, w = x.shape
        means = x.contiguous().view(n, c, h * w).mean(dim=2)  # (N, C)
        gate = torch.sigmoid(self.fc(means))
        return x * gate.view(n, c, 1, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        n, c, h, w = x.shape
        gate = torch.sigmoid(self.fc(x.mean(dim=(2, 3))))
        return x * gate.view(n, c, 1, 1).repeat(1, 1, h, w)


if __name__ == "__main__":
    block = SqueezeExcite(64)
    x = torch.randn(32, 64, 32, 32).to(memory_format=torch.channels_last)
    out = block(x)
    print("channels_last out:", out.is_contiguous(memory_format=torch.channels_last))
    for name in ("slow_forward", "forward"):
        start = time.perf_counter()
        for _ in range(20):
            getattr(block, name)(x)
        print(f"{name:12} {(time.perf_counter() - start) / 20 * 1e3:.2f} ms")
