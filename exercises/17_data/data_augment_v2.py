"""data_augment_v2: a training pipeline of torchvision v2 transforms.

For (3, 16, 16) float images in [0, 1], write two functions, each returning
a callable that takes one image tensor and returns one:
  train_transform(mean, std): in this order, RandomCrop(16, padding=2) (a
    shift of up to 2 pixels, zero-padded), RandomHorizontalFlip(p=0.5),
    ColorJitter(brightness=0.3, contrast=0.3), then Normalize(mean, std);
  eval_transform(mean, std): only Normalize(mean, std), so that evaluation
    is deterministic.
mean and std are sequences of 3 numbers. Normalize comes last: ColorJitter
expects (and clips to) values in [0, 1].

Read: torchvision.transforms.v2 (Compose, RandomCrop, RandomHorizontalFlip, ColorJitter, Normalize)
"""
import torch
from torchvision.transforms import v2

from dlings import data


def train_transform(mean, std):
    # TODO
    ...


def eval_transform(mean, std):
    # TODO
    ...

if __name__ == "__main__":
    image = data.shapes(1).x[0]
    t = train_transform([0.3, 0.3, 0.3], [0.25, 0.25, 0.25])
    print(t(image).shape, t(image).mean().item(), t(image).mean().item())
