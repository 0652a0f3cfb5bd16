"""data_augment_shifted: the augmentation that shows what training never did.

In the shifted shapes set, training images show objects only in the LEFT
half and test images only in the RIGHT half; every class looks the same
mirrored left-right. The check trains a small MLP for 8 epochs on
data.shapes(2400, variant="shifted", classes=6), applying your
train_transform() to each training image as it is read (never to test
images), and measures the accuracy on the test set. Without augmentation
it stays near chance (about 16 %). Write train_transform(): a torchvision v2
transform (one (3, 16, 16) image in [0, 1] in, one out, still in [0, 1])
that lifts the test accuracy to at least 55 %.

Read: torchvision.transforms.v2 (RandomHorizontalFlip, RandomCrop, ...), dlings.data.shapes
"""
import torch
from torchvision.transforms import v2

from dlings import data


def train_transform():
    return v2.RandomHorizontalFlip(p=0.5)


if __name__ == "__main__":
    train = data.shapes(8, variant="shifted", classes=6)
    t = train_transform()
    left = train.x[..., :8].mean().item()
    print("brightness of the left half before and after:", round(left, 3),
          round(torch.stack([t(x) for x in train.x])[..., :8].mean().item(), 3))
