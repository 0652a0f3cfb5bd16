"""`dlings data list | show | fetch`. Imports only click at load time."""
from __future__ import annotations

import sys

import click

GENERATED = {
    "shapes": "RGB images of 10 shapes/textures (variants: plain, shifted, imbalanced, noisy)",
    "moons": "two interleaving half circles (2-D, 2 classes)",
    "spirals": "interleaved spiral arms (2-D, 3 classes)",
    "rings": "concentric rings (2-D, 2 classes)",
    "blobs": "Gaussian blobs (2-D, 3 classes)",
    "xor": "the XOR quadrants (2-D, 2 classes)",
    "regression": "linear data with known weight and bias",
    "curve": "a 1-D non-linear function (sine) with noise",
    "grammar_text": "a character corpus from a small English-like grammar",
    "arithmetic": "integer arithmetic strings like 23+58=81",
    "sentiment": "short reviews with negation, intensifiers and 'but'",
    "time_series": "trend + seasonality + noise",
    "variable_length": "token sequences of different lengths (padding, packing)",
}


def _fail(message: str) -> None:
    click.echo(click.style("dlings: ", fg="red", bold=True) + message, err=True)
    sys.exit(1)


@click.group(name="data")
def data_group() -> None:
    """Data sets: the generated ones dlings ships, and real ones you fetch (MNIST, CIFAR-10, ...)."""


@data_group.command(name="list")
def list_cmd() -> None:
    """What is here: generated sets, fetched real sets and their size, the cache."""
    from dlings.data._core import data_dir
    from dlings.data.realsets import REAL_DATASETS, fetch_command, is_present, root_of, size_on_disk

    click.echo(click.style("Generated (always available, offline):", bold=True))
    for name, text in GENERATED.items():
        click.echo(f"  {name:<16}{text}")
    click.echo(click.style(f"\nReal data sets (in {data_dir()}):", bold=True))
    for name, spec in REAL_DATASETS.items():
        if is_present(name):
            state = click.style(f"present, {size_on_disk(root_of(name)) / 1e6:.1f} MB", fg="green")
        else:
            state = click.style("not fetched", fg="yellow") + f" ({spec.size_mb:.0f} MB): {fetch_command(name)}"
        click.echo(f"  {name:<16}{spec.shape:<40}{state}")
    cache = data_dir() / "generated"
    files = list(cache.glob("*.pt")) if cache.is_dir() else []
    if files:
        click.echo(f"\nCache of larger generated sets: {len(files)} file(s), "
                   f"{sum(f.stat().st_size for f in files) / 1e6:.1f} MB in {cache}")


@data_group.command(name="fetch")
@click.argument("names", nargs=-1, required=True)
@click.option("--no-progress", is_flag=True, help="No progress bar.")
def fetch_cmd(names: tuple[str, ...], no_progress: bool) -> None:
    """Download real data sets (mnist, fashion_mnist, cifar10) once; checks then use them offline.

    Set DLINGS_DATA_MIRROR=<url> to fetch <url>/<name>/<file> from a local mirror instead."""
    from dlings.data.realsets import FetchError, fetch

    for name in names:
        click.echo(click.style(f"Fetching {name}", bold=True))
        try:
            fetch(name, echo=click.echo, progress=not no_progress)
        except FetchError as exc:
            _fail(str(exc))


@data_group.command(name="show")
@click.argument("name")
@click.option("-n", "count", type=int, default=16, show_default=True, help="How many samples.")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--split", type=click.Choice(["train", "val", "test"]), default="train", show_default=True)
@click.option("--variant", default="plain", show_default=True, help="shapes: plain, shifted, imbalanced, noisy.")
@click.option("--size", type=int, default=16, show_default=True, help="shapes: image size.")
@click.option("--png", "png", type=click.Path(dir_okay=False), default=None, help="Write a PNG grid (or plot) here.")
@click.option("--plain", is_flag=True, help="Characters only, no colours.")
def show_cmd(name: str, count: int, seed: int, split: str, variant: str, size: int, png: str | None,
             plain: bool) -> None:
    """Print a few samples of a data set as terminal art (or write them to a PNG)."""
    import torch

    from dlings import data
    from dlings.data import show
    from dlings.data.realsets import REAL_DATASETS, FetchError, fetch_command, is_present

    colour = not plain and show._colour_ok(sys.stdout)
    if name in REAL_DATASETS:
        if not is_present(name):
            _fail(f"{name} is not on this machine. Fetch it once with: {fetch_command(name)}")
        from torchvision.transforms.functional import pil_to_tensor

        try:
            dataset = data.real(name, train=split == "train")
        except FetchError as exc:
            _fail(str(exc))
        items = [dataset[i] for i in range(min(count, len(dataset)))]
        images = torch.stack([pil_to_tensor(img) for img, _ in items]).float() / 255
        labels = [dataset.classes[int(t)] for _, t in items]
        _images_out(images, labels, png, colour, scale=1)
        return
    if name not in GENERATED:
        _fail(f"unknown data set {name!r}. `dlings data list` shows them all.")
    if name == "shapes":
        try:
            split_data = data.shapes(count, variant=variant, size=size, split=split, seed=seed)
        except ValueError as exc:
            _fail(str(exc))
        labels = [split_data.classes[k] for k in split_data.y.tolist()]
        if "clean_y" in split_data.info:
            labels = [f"{lab}*" if f else lab for lab, f in zip(labels, split_data.info["flipped"].tolist(), strict=True)]
        click.echo(f"shapes, variant {variant}, {split} split, seed {seed}"
                   + (" (* = a flipped label)" if "clean_y" in split_data.info else ""))
        _images_out(split_data.x, labels, png, colour, scale=1 if size >= 24 else 2 if colour else 1)
        return
    if name in ("moons", "spirals", "rings", "blobs", "xor"):
        d = getattr(data, name)(max(count, 300), split=split, seed=seed)
        if png:
            click.echo(f"wrote {show.save_grid(show.scatter_image(d.x, d.y)[None], png, scale=1)}")
        else:
            click.echo(show.points_to_text(d.x, d.y))
            click.echo("classes: " + ", ".join(f"{k} = {c}" for k, c in enumerate(d.classes)))
        return
    if png and name not in ("regression", "curve"):
        _fail(f"--png draws images and 2-D points; {name} is text or a series: drop --png.")
    if name in ("regression", "curve"):
        d = (data.regression(max(count, 200), features=1, split=split, seed=seed) if name == "regression"
             else data.curve(max(count, 200), split=split, seed=seed))
        if png:
            click.echo(f"wrote {show.save_grid(show.scatter_image(torch.cat([d.x[:, :1], d.y[:, :1]], 1), torch.zeros(len(d), dtype=torch.long))[None], png, scale=1)}")
            return
        click.echo(show.points_to_text(torch.cat([d.x[:, :1], d.y[:, :1]], 1), torch.zeros(len(d), dtype=torch.long)))
        if name == "regression":
            click.echo(f"x0 against y; true weight {d.info['weight'].tolist()}, bias {d.info['bias'].tolist()}")
        return
    if name == "grammar_text":
        click.echo(data.grammar_text(count * 40, split=split, seed=seed))
    elif name == "arithmetic":
        click.echo("  ".join(data.arithmetic(count, split=split, seed=seed)))
    elif name == "sentiment":
        d = data.sentiment(count, split=split, seed=seed)
        for text, label, form in zip(d.texts, d.y.tolist(), d.info["form"], strict=True):
            click.echo(f"  {d.classes[label]:<9} {form:<9} {text}")
    elif name == "time_series":
        click.echo(show.curve_to_text(data.time_series(max(count, 200), split=split, seed=seed)))
    elif name == "variable_length":
        d = data.variable_length(count, split=split, seed=seed)
        for seq, y in zip(d.seqs, d.y.tolist(), strict=True):
            click.echo(f"  length {len(seq):>2}  last {y}  {seq.tolist()}")


def _images_out(images, labels, png, colour, scale) -> None:
    from dlings.data import show

    if png:
        click.echo(f"wrote {show.save_grid(images, png)}")
        return
    click.echo(show.images_to_text(images, labels, colour=colour, scale=scale))
