"""The check writes shapes images as PNG files (dlings.data.save_image_folder) into a temporary folder;
their pixels are multiples of 1/255, so reading them back gives exactly the generated tensors."""
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from dlings import data
from dlings.testing import expect, expect_close, expect_equal, fail
from support_17_data import describe


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("images")
    split = data.shapes(30, classes=5, seed=4)
    written = data.save_image_folder(split, root)
    (root / "square" / "notes.txt").write_text("not an image")
    (root / "ring" / "thumbs.db").write_bytes(b"\x00\x01")
    (root / "README.md").write_text("a file at the top, not a class")
    return root, split, written


def _make(exercise, root, transform=None):
    ds = exercise.ImageFolderDataset(str(root), transform) if transform else exercise.ImageFolderDataset(str(root))
    if ds is None:
        fail("ImageFolderDataset(root) gave None.")
    return ds


def test_classes_and_samples(exercise, folder):
    root, split, written = folder
    ds = _make(exercise, root)
    for name in ("classes", "class_to_idx", "samples"):
        if getattr(ds, name, None) is None:
            fail(f"ImageFolderDataset(root) has no attribute {name} (or it is None).",
                 hint=f"finish the TODO in __init__: set self.{name}.")
    want_classes = sorted(split.classes)
    got = list(getattr(ds, "classes", None) or [])
    expect_equal(got, want_classes, "ds.classes", hint="the names of the folders (not files) in root, sorted().")
    expect_equal(dict(ds.class_to_idx), {c: i for i, c in enumerate(want_classes)}, "ds.class_to_idx")
    want = sorted((str(p), want_classes.index(split.classes[label])) for p, label in written)
    got_samples = [(str(p), int(k)) for p, k in ds.samples]
    if len(got_samples) != len(want):
        extra = sorted(set(p for p, _ in got_samples) - set(p for p, _ in want))
        fail(f"ds.samples holds {len(got_samples)} entries; the folder has {len(want)} .png images."
             + (f" It also lists {[Path(e).name for e in extra]}." if extra else ""),
             hint="keep only files ending in .png: (root / name).glob(\"*.png\").")
    expect_equal(got_samples, want, "ds.samples as (str(path), label)",
                 hint="sorted((path, class_to_idx[name]) ...): the label is the index of the folder's name.")
    expect_equal(len(ds), len(want), "len(ds)")


def test_images_are_float_chw_in_0_1(exercise, folder):
    root, split, written = folder
    ds = _make(exercise, root)
    index = {str(p): i for i, (p, _) in enumerate(written)}
    for i in (0, len(ds) // 2, len(ds) - 1):
        item = ds[i]
        if not isinstance(item, tuple) or len(item) != 2:
            fail(f"ds[{i}] should be (image, label); got {describe(item)}.")
        image, label = item
        path = str(ds.samples[i][0])
        want = split.x[index[path]]
        if isinstance(image, torch.Tensor) and tuple(image.shape) == (16, 16, 3):
            fail(f"ds[{i}][0] has shape (16, 16, 3): PIL and numpy give height, width, channels.",
                 hint="torch.from_numpy(array).permute(2, 0, 1) puts the channels first.")
        expect_close(image, want, f"the image ds[{i}][0] ({Path(path).parent.name}/{Path(path).name})", mistakes={
            "the values are 0..255: divide by 255 for [0, 1].": want * 255})
        expect(isinstance(label, int) and not isinstance(label, bool),
               f"the label ds[{i}][1] should be an int, got {describe(label)}.")
        expect_equal(label, ds.class_to_idx[Path(path).parent.name], f"the label ds[{i}][1]")


def test_transform_and_lazy_reading(exercise, folder):
    root, split, written = folder
    ds = _make(exercise, root, lambda img: img * 0 + 0.25)
    expect_close(ds[3][0], torch.full((3, 16, 16), 0.25), "ds[3][0] with transform=lambda img: img * 0 + 0.25")
    plain = _make(exercise, root)
    path = Path(plain.samples[5][0])
    original = np.array(Image.open(path).convert("RGB"))
    try:
        Image.fromarray(np.full_like(original, 51)).save(path)
        fresh = plain[5][0]
    finally:
        Image.fromarray(original).save(path)
    expect_close(fresh, torch.full((3, 16, 16), 0.2),
                 "ds[5][0] after its file was replaced (once the dataset was built) by an image of all 51 / 255",
                 hint="read the file in __getitem__; an image loaded in __init__ keeps the old pixels (and a real data "
                      "set would not fit in memory).")
