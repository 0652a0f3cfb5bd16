"""Pictures of data sets: terminal art (colour half-blocks or plain characters) and PNG grids."""
from __future__ import annotations

import os
from pathlib import Path

import torch

RAMP = " .:-=+*#%@"


def _colour_ok(stream) -> bool:
    return stream.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM", "") != "dumb"


def images_to_text(images: torch.Tensor, labels: list[str], *, colour: bool, per_row: int | None = None,
                   scale: int = 1) -> str:
    """Images (n, C, H, W) in [0, 1] side by side with their labels underneath. Colour: two pixel
    rows per character with the upper half block and 24-bit colours; otherwise a character ramp."""
    images = images.float().clamp(0, 1)
    if images.shape[1] == 1:
        images = images.expand(-1, 3, -1, -1)
    if scale > 1:
        images = torch.nn.functional.interpolate(images, scale_factor=scale, mode="nearest")
    n, _, h, w = images.shape
    if per_row is None:
        import shutil

        per_row = max(1, min(8, shutil.get_terminal_size((100, 24)).columns // (w + 2)))
    lines: list[str] = []
    for start in range(0, n, per_row):
        batch = images[start:start + per_row]
        names = labels[start:start + per_row]
        cell = max(w, max(len(s) for s in names)) + 2
        if colour:
            rgb = (batch * 255).round().to(torch.uint8).tolist()
            for y in range(0, h, 2):
                row = []
                for img in rgb:
                    chars = []
                    for x in range(w):
                        top = [img[c][y][x] for c in range(3)]
                        bottom = [img[c][y + 1][x] for c in range(3)] if y + 1 < h else [0, 0, 0]
                        chars.append(f"\x1b[38;2;{top[0]};{top[1]};{top[2]}m\x1b[48;2;{bottom[0]};{bottom[1]};{bottom[2]}m▀")
                    row.append("".join(chars) + "\x1b[0m" + " " * (cell - w))
                lines.append("".join(row).rstrip())
        else:
            grey = batch.mean(1)
            # per-image stretch from the median (most pixels are background) to the brightest:
            # the background goes blank and the object stands out whatever its colours
            lo = grey.flatten(1).median(1).values.view(-1, 1, 1) + 0.05
            hi = grey.amax((1, 2), keepdim=True)
            grey = ((grey - lo) / (hi - lo).clamp_min(1e-6)).clamp(0, 1)
            for y in range(h):
                cells: list[str] = []
                for img in grey:
                    text = "".join(RAMP[min(int(v * len(RAMP)), len(RAMP) - 1)] for v in img[y].tolist())
                    cells.append(text + " " * (cell - w))
                lines.append("".join(cells).rstrip())
        lines.append("".join(name[:cell - 1].ljust(cell) for name in names).rstrip())
        lines.append("")
    return "\n".join(lines)


def points_to_text(x: torch.Tensor, y: torch.Tensor, *, width: int = 64, height: int = 24) -> str:
    """A scatter plot of 2-D points, each drawn as its class digit (the last one drawn wins)."""
    x = x[:, :2].float()
    lo, hi = x.min(0).values, x.max(0).values
    span = (hi - lo).clamp_min(1e-6)
    cols = ((x[:, 0] - lo[0]) / span[0] * (width - 1)).round().long()
    rows = ((hi[1] - x[:, 1]) / span[1] * (height - 1)).round().long()
    grid = [[" "] * width for _ in range(height)]
    for r, c, label in zip(rows.tolist(), cols.tolist(), y.tolist(), strict=True):
        grid[r][c] = str(int(label) % 10) if isinstance(label, int) or float(label).is_integer() else "*"
    border = "+" + "-" * width + "+"
    return "\n".join([border, *("|" + "".join(row) + "|" for row in grid), border,
                      f"x0 from {lo[0]:.2f} to {hi[0]:.2f}, x1 from {lo[1]:.2f} to {hi[1]:.2f}"])


def curve_to_text(values: torch.Tensor, *, width: int = 72, height: int = 16) -> str:
    """A line plot of a 1-D series (resampled to `width` columns)."""
    values = values.float().reshape(-1)
    idx = torch.linspace(0, len(values) - 1, min(width, len(values))).round().long()
    v = values[idx]
    lo, hi = v.min().item(), v.max().item()
    span = max(hi - lo, 1e-6)
    grid = [[" "] * len(v) for _ in range(height)]
    for c, value in enumerate(v.tolist()):
        grid[round((hi - value) / span * (height - 1))][c] = "*"
    return "\n".join([f"{hi:8.2f} |" + "".join(grid[0]),
                      *("         |" + "".join(row) for row in grid[1:-1]),
                      f"{lo:8.2f} |" + "".join(grid[-1]),
                      f"          {len(values)} steps"])


def scatter_image(x: torch.Tensor, y: torch.Tensor, size: int = 256) -> torch.Tensor:
    """Points drawn as small coloured squares on a white (3, size, size) canvas."""
    palette = torch.tensor([[0.12, 0.47, 0.71], [1.0, 0.5, 0.05], [0.17, 0.63, 0.17], [0.84, 0.15, 0.16],
                            [0.58, 0.4, 0.74], [0.55, 0.34, 0.29], [0.89, 0.47, 0.76], [0.5, 0.5, 0.5]])
    canvas = torch.ones(3, size, size)
    x = x[:, :2].float()
    lo, hi = x.min(0).values, x.max(0).values
    span = (hi - lo).clamp_min(1e-6)
    cols = ((x[:, 0] - lo[0]) / span[0] * (size - 5) + 2).round().long()
    rows = ((hi[1] - x[:, 1]) / span[1] * (size - 5) + 2).round().long()
    for r, c, label in zip(rows.tolist(), cols.tolist(), y.long().tolist(), strict=True):
        canvas[:, r - 1:r + 2, c - 1:c + 2] = palette[label % len(palette)].view(3, 1, 1)
    return canvas


def save_grid(images: torch.Tensor, path: str | Path, *, per_row: int = 8, scale: int = 4) -> Path:
    from PIL import Image
    from torchvision.utils import make_grid

    images = images.float().clamp(0, 1)
    if scale > 1:
        images = torch.nn.functional.interpolate(images, scale_factor=scale, mode="nearest")
    grid = make_grid(images, nrow=per_row, padding=2, pad_value=1.0)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray((grid * 255).round().to(torch.uint8).permute(1, 2, 0).contiguous().numpy()).save(path)
    return path
