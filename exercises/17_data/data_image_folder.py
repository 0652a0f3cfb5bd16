"""data_image_folder: a Dataset read from image files.

root holds one folder per class, named after the class, with PNG images
inside; ignore every file that does not end in ".png" and anything that is
not a folder at the top. Write ImageFolderDataset(root, transform=None):
  classes: the class folder names, sorted alphabetically;
  class_to_idx: {name: its index in classes};
  samples: a list of (path, class index) for every .png file, sorted by path;
  len(ds) == len(samples); ds[i] == (image, label): image a float32 tensor
    (3, H, W) with values in [0, 1] (read with PIL: Image.open(path).convert("RGB")),
    transform(image) if a transform is given; label an int.
Open the files in __getitem__, not in __init__ (a data set may be far larger
than memory).

Read: pathlib.Path (iterdir, is_dir, glob), PIL.Image.open, numpy.array,
      torch.from_numpy, Tensor.permute; torchvision.datasets.ImageFolder
"""
from pathlib import Path

import numpy as np
import torch
from PIL import Image
from torch.utils.data import Dataset


class ImageFolderDataset(Dataset):
    def __init__(self, root, transform=None):
        # TODO: classes, class_to_idx, samples (paths only: no image is opened here)
        ...

    def __len__(self):
        # TODO
        ...

    def __getitem__(self, i):
        # TODO: open the file, make a (3, H, W) float tensor in [0, 1], transform it if asked
        ...

if __name__ == "__main__":
    import tempfile

    from dlings import data

    with tempfile.TemporaryDirectory() as folder:
        data.save_image_folder(data.shapes(12, classes=3), folder)
        ds = ImageFolderDataset(folder)
        print(ds.classes, len(ds), ds[0][0].shape, ds[0][1])
