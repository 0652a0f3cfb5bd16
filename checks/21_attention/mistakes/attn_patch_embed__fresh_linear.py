"""attn_patch_embed: a ViT turns an image into tokens, one per patch.

A Vision Transformer cuts the image into P x P patches and maps each patch,
flattened, through the same linear layer. That is exactly a Conv2d with
kernel_size = stride = P: conv(x).flatten(2).transpose(1, 2) gives the tokens
(B, N, D), N = (H // P) * (W // P), patches row by row.
patch_tokens(x, conv) must return those same tokens WITHOUT running the conv:
cut the patches with F.unfold (stride P!), then a linear map whose weight and
bias are the conv's (weight reshaped to (D, C * P * P)). x is (B, C, H, W);
P divides H and W; conv = nn.Conv2d(C, D, kernel_size=P, stride=P).

Read: F.unfold (kernel_size, stride), nn.Conv2d.weight, F.linear or nn.Linear
"""
import torch
import torch.nn.functional as F
from torch import nn


def patch_tokens(x: torch.Tensor, conv: nn.Conv2d) -> torch.Tensor:
    P, D = conv.kernel_size[0], conv.out_channels
    patches = F.unfold(x, kernel_size=P, stride=P).transpose(1, 2)
    linear = nn.Linear(patches.shape[-1], D)
    return linear(patches)


if __name__ == "__main__":
    conv = nn.Conv2d(3, 8, kernel_size=4, stride=4)
    x = torch.randn(2, 3, 8, 12)
    want = conv(x).flatten(2).transpose(1, 2)
    print((patch_tokens(x, conv) - want).abs().max())
