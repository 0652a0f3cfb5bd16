"""attn_vit_cls: a ViT classifies with one extra token, the CLS token.

A Vision Transformer puts a learned vector, the CLS token, in front of the
patch tokens. Through attention it gathers from every patch, and its state at
the end (position 0), alone, goes to the classifier: no pooling.
Write TinyViT.forward(x) for images x (B, 3, H, W) (H = W = img): the patch
tokens (B, N, dim) from self.patch as in attn_patch_embed (patches row by
row); self.cls (1, 1, dim) put in front of them for every image of the batch;
self.pos (1, N + 1, dim) added to all N + 1 tokens (row 0 is the CLS token's
position); self.encoder on the result; then self.head(self.norm(...)) of the
CLS token's output: logits (B, classes).

Read: torch.Tensor.expand, torch.cat, torch.nn.TransformerEncoder
"""
import torch
from torch import nn


class TinyViT(nn.Module):
    def __init__(self, img: int = 16, patch: int = 4, dim: int = 32, depth: int = 2, heads: int = 4,
                 classes: int = 6):
        super().__init__()
        self.patch = nn.Conv2d(3, dim, kernel_size=patch, stride=patch)
        n = (img // patch) ** 2
        self.cls = nn.Parameter(torch.randn(1, 1, dim) * 0.02)
        self.pos = nn.Parameter(torch.randn(1, n + 1, dim) * 0.02)
        layer = nn.TransformerEncoderLayer(dim, heads, 2 * dim, dropout=0.0, batch_first=True, norm_first=True)
        self.encoder = nn.TransformerEncoder(layer, depth, enable_nested_tensor=False)
        self.norm = nn.LayerNorm(dim)
        self.head = nn.Linear(dim, classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO: patch tokens; the CLS token in front (one per image); positions; encoder; head on the CLS output
        ...


if __name__ == "__main__":
    vit = TinyViT()
    print(vit(torch.rand(2, 3, 16, 16)).shape)  # (2, 6)
