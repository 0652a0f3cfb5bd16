"""Writing generated images to files: an image-folder layout for dataset-from-files exercises."""
from __future__ import annotations

from pathlib import Path

import torch


def save_image_folder(split, folder: str | Path, *, ext: str = "png") -> list[tuple[Path, int]]:
    """Write every image of an image Split (e.g. `shapes`) as `folder/<class name>/<index>.png`
    (index zero-padded, so sorted names follow the split's order within a class), the layout
    torchvision's ImageFolder reads. `shapes` pixels are multiples of 1/255, so reading a PNG back
    and dividing by 255 gives exactly `split.x[i]`. Returns [(path, label)] in the split's order."""
    from PIL import Image   # torchvision's own image encoders are deprecated since 0.29; Pillow comes with it

    if ext not in ("png", "jpg"):
        raise ValueError(f"ext must be 'png' or 'jpg', not {ext!r}")
    folder = Path(folder)
    x = split.x
    images = x if x.dtype == torch.uint8 else (x.clamp(0, 1) * 255).round().to(torch.uint8)
    names = split.classes or [str(k) for k in range(int(split.y.max()) + 1)]
    width = max(5, len(str(len(split))))
    out = []
    for k in names:
        (folder / k).mkdir(parents=True, exist_ok=True)
    for i, (image, label) in enumerate(zip(images, split.y.tolist(), strict=True)):
        path = folder / names[label] / f"{i:0{width}d}.{ext}"
        picture = Image.fromarray(image.permute(1, 2, 0).contiguous().numpy())
        if ext == "jpg":
            picture.save(path, quality=95)
        else:
            picture.save(path)
        out.append((path, label))
    return out
