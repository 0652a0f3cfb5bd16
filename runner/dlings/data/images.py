"""`shapes`: small RGB images of shapes and textures, built so that convolutions matter.

Every image is drawn at once for the whole batch: a grid of pixel centres is moved into each
object's frame (position, scale, rotation), each class's signed distance (negative inside) is
turned into a one-pixel antialiased mask, and foreground and background colours, a background
gradient and pixel noise are mixed in. Pixels are quantised to 1/255 so every image round-trips
through an 8-bit PNG exactly.
"""
from __future__ import annotations

import math

import torch

from dlings.data._core import Split, balanced_labels, cached, check_n, generator

CLASSES = ["disk", "square", "triangle", "ring", "plus", "cross", "hbar", "vbar", "stripes", "checker"]

VARIANTS = {
    # name: (placement in train, placement in test, imbalance, label noise)
    "plain": ("anywhere", "anywhere", 1.0, 0.0),
    "shifted": ("left", "right", 1.0, 0.0),
    "imbalanced": ("anywhere", "anywhere", 0.05, 0.0),
    "noisy": ("anywhere", "anywhere", 1.0, 0.3),
}

# Generating more pixels than this is cached under ~/.dlings/data/generated (about 0.3 s of work).
CACHE_PIXELS = 40_000_000


_SQRT_HALF = math.sqrt(0.5)


def _sdf(kind: str, u: torch.Tensor, v: torch.Tensor) -> torch.Tensor:
    """Signed distance-like value in the object's unit frame (negative inside), v pointing up."""
    au, av = u.abs(), v.abs()
    r = torch.sqrt(u * u + v * v)
    if kind == "disk":
        return r - 0.85
    if kind == "square":
        return torch.maximum(au, av) - 0.7
    if kind == "triangle":
        s = math.sqrt(3) / 2
        return torch.maximum(torch.maximum(-v, s * u + 0.5 * v), -s * u + 0.5 * v) - 0.42
    if kind == "ring":
        return (r - 0.68).abs() - 0.24
    if kind == "plus":
        arm1 = torch.maximum(au - 0.9, av - 0.26)
        arm2 = torch.maximum(au - 0.26, av - 0.9)
        return torch.minimum(arm1, arm2)
    if kind == "cross":
        d1, d2 = (u + v).abs() * _SQRT_HALF, (u - v).abs() * _SQRT_HALF
        return torch.minimum(torch.maximum(d1 - 0.24, d2 - 0.85), torch.maximum(d2 - 0.24, d1 - 0.85))
    if kind == "hbar":
        return torch.maximum(au - 0.95, av - 0.3)
    if kind == "vbar":
        return torch.maximum(au - 0.3, av - 0.95)
    if kind == "stripes":
        inside = torch.maximum(au, av) - 0.8
        return torch.maximum(inside, torch.cos(u * (2.5 * math.pi)) * 0.25)
    if kind == "checker":
        inside = torch.maximum(au, av) - 0.8
        return torch.maximum(inside, torch.cos(u * (1.9 * math.pi)) * torch.cos(v * (1.9 * math.pi)) * 0.25)
    raise ValueError(kind)


def _centres(n: int, radius: torch.Tensor, place: str, g: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
    """Object centres in [-1, 1] image units (x to the right, y up), keeping the object inside
    the image, or inside its left or right half."""
    a, b = torch.rand(n, generator=g), torch.rand(n, generator=g)
    cy = (2 * a - 1) * (1 - radius)
    if place == "anywhere":
        lo, hi = -1 + radius, 1 - radius
    elif place == "left":
        lo, hi = -1 + radius, -radius
    elif place == "right":
        lo, hi = radius, 1 - radius
    else:
        raise ValueError(place)
    cx = lo + b * (hi - lo)
    return cx, cy


def render(labels: torch.Tensor, size: int, g: torch.Generator, *, place: str = "anywhere",
           noise: float = 0.05, scale: tuple[float, float] = (0.35, 0.6), rotation: float = 20.0,
           coverage: list[torch.Tensor] | None = None) -> torch.Tensor:
    """Draw one image per label: (n, 3, size, size) float32 in [0, 1], quantised to 1/255.

    `coverage`, a list, receives the object's antialiased coverage (n, size, size) in [0, 1] (the
    mix weight of the foreground colour at each pixel); drawing is the same with or without it."""
    n = labels.shape[0]
    radius = scale[0] + (scale[1] - scale[0]) * torch.rand(n, generator=g)
    if place in ("left", "right"):
        radius = torch.minimum(radius, torch.tensor(0.5))
    cx, cy = _centres(n, radius, place, g)
    theta = math.radians(rotation) * (2 * torch.rand(n, generator=g) - 1)
    bg = 0.45 * torch.rand(n, 3, generator=g)          # a dark background of any hue
    fg = 0.55 + 0.45 * torch.rand(n, 3, generator=g)   # a brighter object of any hue
    grad_dir = torch.randn(n, 2, generator=g) * 0.1  # a gentle lighting gradient over the background
    pixel_noise = torch.randn(n, 3, size, size, generator=g) * noise

    coords = (torch.arange(size, dtype=torch.float32) + 0.5) / size * 2 - 1
    px = coords.view(1, 1, size).expand(n, size, size)            # x grows to the right
    py = (-coords).view(1, size, 1).expand(n, size, size)         # y grows upwards
    dx, dy = px - cx.view(n, 1, 1), py - cy.view(n, 1, 1)
    c, s = torch.cos(theta).view(n, 1, 1), torch.sin(theta).view(n, 1, 1)
    rad = radius.view(n, 1, 1)
    u, v = (c * dx + s * dy) / rad, (-s * dx + c * dy) / rad

    dist = torch.empty(n, size, size)
    for k, kind in enumerate(CLASSES):
        idx = (labels == k).nonzero().squeeze(1)
        if idx.numel():
            dist[idx] = _sdf(kind, u[idx], v[idx])
    pixels = dist * rad * (size / 2)                               # distance in pixels
    alpha = (0.5 - pixels).clamp(0, 1).unsqueeze(1)
    if coverage is not None:
        coverage.append(alpha.squeeze(1))

    shade = 1 + grad_dir[:, 0].view(n, 1, 1) * px + grad_dir[:, 1].view(n, 1, 1) * py
    background = bg.view(n, 3, 1, 1) * shade.unsqueeze(1)
    image = background * (1 - alpha) + fg.view(n, 3, 1, 1) * alpha + pixel_noise
    return (image.clamp(0, 1) * 255).round() / 255


def shapes(n: int = 3000, *, split: str = "train", variant: str = "plain", size: int = 16, classes: int = 10,
           noise: float = 0.05, imbalance: float | None = None, label_noise: float | None = None,
           dtype: torch.dtype = torch.float32, seed: int = 0, cache: bool | None = None,
           masks: bool = False) -> Split:
    """`n` RGB images of `classes` shapes/textures: x (n, 3, size, size) in [0, 1], y (n,) int64.

    variant:
      - "plain": objects anywhere, every split alike;
      - "shifted": train objects only in the left half, test (and val) objects only in the right
        half; a horizontal flip (augmentation) or a convolution's translation equivariance wins;
      - "imbalanced": train class k has frequency imbalance**(k / (classes - 1)) relative to class 0
        (default 0.05: 20x fewer of the last class); val/test stay balanced;
      - "noisy": a fraction label_noise (default 0.3) of train labels replaced by another class;
        info["clean_y"] keeps the truth, info["flipped"] marks them; val/test labels are clean.
    `imbalance` / `label_noise` override the variant's values. dtype torch.uint8 gives 0..255 images.
    masks=True adds info["masks"], (n, size, size) bool: True where the object covers at least half
    of the pixel (a segmentation target); the images and labels are the same as without it.
    """
    if variant not in VARIANTS:
        raise ValueError(f"variant must be one of {', '.join(VARIANTS)}, not {variant!r}")
    if not 2 <= classes <= len(CLASSES):
        raise ValueError(f"classes must be between 2 and {len(CLASSES)}, not {classes}")
    if not 8 <= size <= 128:
        raise ValueError(f"size must be between 8 and 128, not {size}")
    check_n(n)
    train_place, test_place, default_imbalance, default_noise = VARIANTS[variant]
    is_train = split == "train"
    place = train_place if is_train else test_place
    imbalance = (default_imbalance if imbalance is None else imbalance) if is_train else 1.0
    label_noise = (default_noise if label_noise is None else label_noise) if is_train else 0.0

    def build() -> dict[str, torch.Tensor]:
        g = generator("shapes", split, seed)
        weights = None if imbalance == 1.0 else imbalance ** (torch.arange(classes) / (classes - 1))
        y = balanced_labels(n, classes, g, weights)
        coverage: list[torch.Tensor] = []
        x = render(y, size, g, place=place, noise=noise, coverage=coverage)
        out = {"x": (x * 255).round().to(torch.uint8), "y": y}
        if masks:
            out["masks"] = coverage[0] >= 0.5
        if label_noise > 0:
            flipped = torch.rand(n, generator=g) < label_noise
            other = (y + torch.randint(1, classes, (n,), generator=g)) % classes
            out["noisy_y"] = torch.where(flipped, other, y)
        return out

    params = dict(n=n, split=split, variant=variant, size=size, classes=classes, noise=noise,
                  imbalance=imbalance, label_noise=label_noise, seed=seed, version=1)
    if masks:   # a key of its own, so the cached sets without masks keep their files
        params["masks"] = True
    if cache is None:
        cache = n * size * size * 3 > CACHE_PIXELS
    data = cached("shapes", params, build) if cache else build()

    x = data["x"] if dtype == torch.uint8 else data["x"].to(dtype) / 255
    info = {"variant": variant, "place": place, "imbalance": imbalance, "label_noise": label_noise,
            "size": size, "noise": noise}
    if masks:
        info["masks"] = data["masks"]
    y = data["y"]
    if "noisy_y" in data:
        info["clean_y"], info["flipped"] = y, data["noisy_y"] != y
        y = data["noisy_y"]
    return Split(x, y, name="shapes", split=split, classes=CLASSES[:classes], info=info)
