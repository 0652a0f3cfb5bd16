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


class SegUNet(nn.Module):
    def __init__(self):
        super().__init__()
        # TODO: the encoder (two levels down), the middle, the decoder (two levels up) and a 1x1 head
        ...

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO: down, down, up + skip, up + skip, logits per pixel
        ...


if __name__ == "__main__":
    train = data.shapes(4, classes=6, masks=True)
    print(train.info["masks"][0].int())
    print(SegUNet()(train.x).shape)  # (4, 2, 16, 16)
