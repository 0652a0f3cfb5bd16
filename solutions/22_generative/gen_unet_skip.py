"""gen_unet_skip: a U-Net's skip connection, with matching sizes.

A U-Net halves the resolution on the way down and doubles it on the way
up, and concatenates each upsampled map with the encoder's map of the same
level (the skip), so the output keeps the fine detail: one score per pixel.
Write TinyUNet.forward(x) for x (B, C, H, W): s = self.down(x); h =
self.up(self.mid(self.pool(s))); for an odd H or W, h is one row or column
short of s: zero-pad h at the bottom / right (F.pad) to s's size; then
self.out(torch.cat([s, h], dim=1)) (skip first), shape (B, classes, H, W).

Read: torch.cat, torch.nn.functional.pad (its pad tuple starts with the LAST dim)
"""
import torch
import torch.nn.functional as F
from torch import nn


class TinyUNet(nn.Module):
    def __init__(self, in_ch: int = 3, classes: int = 2, c: int = 8):
        super().__init__()
        self.down = nn.Sequential(nn.Conv2d(in_ch, c, 3, padding=1), nn.ReLU())
        self.pool = nn.MaxPool2d(2)
        self.mid = nn.Sequential(nn.Conv2d(c, 2 * c, 3, padding=1), nn.ReLU())
        self.up = nn.ConvTranspose2d(2 * c, c, 2, stride=2)
        self.out = nn.Sequential(nn.Conv2d(2 * c, c, 3, padding=1), nn.ReLU(), nn.Conv2d(c, classes, 1))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        s = self.down(x)
        h = self.up(self.mid(self.pool(s)))
        h = F.pad(h, (0, s.shape[-1] - h.shape[-1], 0, s.shape[-2] - h.shape[-2]))
        return self.out(torch.cat([s, h], dim=1))


if __name__ == "__main__":
    net = TinyUNet()
    print(net(torch.rand(2, 3, 16, 16)).shape)  # (2, 2, 16, 16)
    print(net(torch.rand(1, 3, 15, 9)).shape)  # (1, 2, 15, 9): odd sizes too
