"""gen_unet_segment: a U-Net that outlines the object, pixel by pixel.

Segmentation gives every pixel a class: here 1 where the shape is and 0 for
the background (data.shapes(..., masks=True) puts the (n, 16, 16) bool masks
in split.info["masks"]). Write SegUNet(): forward(x) takes (B, 3, 16, 16)
and returns logits (B, 2, 16, 16). Go two levels down (16 -> 8 -> 4, with
nn.MaxPool2d(2)) and two back up (nn.ConvTranspose2d(kernel_size=2, stride=2));
at each level on the way up, concatenate the encoder's map of the same size
(the skip, as in gen_unet_skip) before the next conv. Suggested: 3x3 convs
(padding=1) with ReLU, widths 8, 16, 32. The check trains it for 3 epochs
(Adam, lr 0.01, batch 32, cross-entropy per pixel) on 1600 images and needs
an IoU of 0.85 on test images: |predicted AND true| / |predicted OR true|,
counted over all object pixels of the test set.

Read: torch.nn.ConvTranspose2d, torch.nn.MaxPool2d, torch.cat, dlings.data.shapes (masks)
"""
import torch
from torch import nn

from dlings import data


def conv(c_in: int, c_out: int) -> nn.Module:
    return nn.Sequential(nn.Conv2d(c_in, c_out, 3, padding=1), nn.ReLU())


class SegUNet(nn.Module):
    def __init__(self, c: int = 8):
        super().__init__()
        self.enc1, self.enc2, self.mid = conv(3, c), conv(c, 2 * c), conv(2 * c, 4 * c)
        self.pool = nn.MaxPool2d(2)
        self.up2 = nn.ConvTranspose2d(4 * c, 2 * c, 2, stride=2)
        self.dec2 = conv(4 * c, 2 * c)
        self.up1 = nn.ConvTranspose2d(2 * c, c, 2, stride=2)
        self.dec1 = conv(2 * c, c)
        self.head = nn.Conv2d(c, 2, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        s1 = self.enc1(x)                      # (B, c, 16, 16)
        s2 = self.enc2(self.pool(s1))          # (B, 2c, 8, 8)
        h = self.mid(self.pool(s2))            # (B, 4c, 4, 4)
        h = self.dec2(torch.cat([s2, self.up2(h)], dim=1))
        h = self.dec1(torch.cat([s1, self.up1(h)], dim=1))
        return self.head(h)


if __name__ == "__main__":
    train = data.shapes(4, classes=6, masks=True)
    print(train.info["masks"][0].int())
    print(SegUNet()(train.x).shape)  # (4, 2, 16, 16)
