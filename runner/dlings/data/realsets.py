"""Real data sets (MNIST, Fashion-MNIST, CIFAR-10), present only when the learner fetched them.

`dlings data fetch NAME` downloads the original files (the URLs and MD5 sums torchvision knows)
into ~/.dlings/data/NAME (or $DLINGS_DATA/NAME), resuming a partial download, verifying every
checksum, and extracting them where torchvision's own dataset classes look, so that

    data.real("cifar10", train=True)      # torchvision.datasets.CIFAR10(root=..., download=False)

works offline from then on. `DLINGS_DATA_MIRROR=<url>` fetches `<url>/<name>/<file>` instead (a
classroom or offline-lab copy: any folder served over HTTP with the original files). Nothing in a
check ever calls fetch. This module imports neither torch nor torchvision at load time.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable
from urllib.parse import urlparse

from dlings.data._core import data_dir

MIRROR_ENV = "DLINGS_DATA_MIRROR"
MARKER = ".complete"
CHUNK = 1 << 20


class FetchError(Exception):
    """A fetch that could not finish; the text is for the learner."""


@dataclass(frozen=True)
class Resource:
    filename: str
    md5: str
    urls: tuple[str, ...]          # upstream locations, tried in order
    folder: str = ""               # where it goes, relative to the data set's root
    extract: bool = True


@dataclass
class RealSpec:
    name: str
    title: str
    size_mb: float
    resources: Callable[[], list[Resource]]
    load: Callable[..., object]    # (root, train, transform, target_transform) -> torchvision dataset
    shape: str = ""
    extra: dict = field(default_factory=dict)


def _mnist_like(cls_name: str) -> Callable[[], list[Resource]]:
    def resources() -> list[Resource]:
        import torchvision.datasets as tvd

        cls = getattr(tvd, cls_name)
        return [Resource(filename, md5, tuple(f"{m}{filename}" for m in cls.mirrors), f"{cls_name}/raw")
                for filename, md5 in cls.resources]
    return resources


def _cifar10() -> list[Resource]:
    import torchvision.datasets as tvd

    return [Resource(tvd.CIFAR10.filename, tvd.CIFAR10.tgz_md5, (tvd.CIFAR10.url,))]


def _loader(cls_name: str):
    def load(root: Path, train: bool = True, transform=None, target_transform=None):
        import torchvision.datasets as tvd

        return getattr(tvd, cls_name)(str(root), train=train, transform=transform,
                                      target_transform=target_transform, download=False)
    return load


REAL_DATASETS: dict[str, RealSpec] = {
    "mnist": RealSpec("mnist", "MNIST handwritten digits", 11.6, _mnist_like("MNIST"), _loader("MNIST"),
                      "60 000 + 10 000 grey 28x28, 10 classes"),
    "fashion_mnist": RealSpec("fashion_mnist", "Fashion-MNIST clothing", 30.9, _mnist_like("FashionMNIST"),
                              _loader("FashionMNIST"), "60 000 + 10 000 grey 28x28, 10 classes"),
    "cifar10": RealSpec("cifar10", "CIFAR-10 photos", 170.5, _cifar10, _loader("CIFAR10"),
                        "50 000 + 10 000 RGB 32x32, 10 classes"),
}


def root_of(name: str) -> Path:
    return data_dir() / name


# What torchvision itself leaves behind, for files placed by hand (torchvision's own download=True).
_LAYOUT = {"mnist": "MNIST/raw/t10k-labels-idx1-ubyte", "fashion_mnist": "FashionMNIST/raw/t10k-labels-idx1-ubyte",
           "cifar10": "cifar-10-batches-py/test_batch"}


def is_present(name: str) -> bool:
    """Fetched completely (a finished `dlings data fetch` leaves a marker, torchvision's own layout
    counts too). For a name dlings does not know, any non-empty folder counts."""
    root = root_of(name)
    if name in REAL_DATASETS:
        return (root / MARKER).is_file() or (name in _LAYOUT and (root / _LAYOUT[name]).is_file())
    return root.is_dir() and any(root.iterdir())


def fetch_command(name: str) -> str:
    return f"dlings data fetch {name}"


def real(name: str, *, train: bool = True, transform=None, target_transform=None):
    """The torchvision dataset of a fetched real data set (never downloads)."""
    spec = _spec(name)
    if not is_present(name):
        raise FetchError(f"the {name} data set is not on this machine. Fetch it once with: {fetch_command(name)}")
    return spec.load(root_of(name), train=train, transform=transform, target_transform=target_transform)


def _spec(name: str) -> RealSpec:
    if name not in REAL_DATASETS:
        raise FetchError(f"unknown data set {name!r}; dlings can fetch: {', '.join(REAL_DATASETS)}")
    return REAL_DATASETS[name]


def size_on_disk(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() else 0


def md5_of(path: Path) -> str:
    digest = hashlib.md5(usedforsecurity=False)
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


# ------------------------------------------------------------------ downloading

class Progress:
    """A one-line progress bar on stderr (a line per 10 % when stderr is not a terminal)."""

    def __init__(self, label: str, stream=None):
        self.label, self.stream = label, stream or sys.stderr
        self.tty = self.stream.isatty()
        self.last_decile, self.last_draw = -1, 0.0

    def __call__(self, done: int, total: int | None) -> None:
        now = time.monotonic()
        if total:
            fraction = min(done / total, 1.0)
            if self.tty:
                if now - self.last_draw < 0.1 and done < total:
                    return
                width = 30
                bar = "#" * int(fraction * width) + "-" * (width - int(fraction * width))
                self.stream.write(f"\r  {self.label} [{bar}] {done / 1e6:6.1f}/{total / 1e6:.1f} MB {fraction:4.0%}")
            else:
                decile = int(fraction * 10)
                if decile == self.last_decile:
                    return
                self.last_decile = decile
                self.stream.write(f"  {self.label}: {done / 1e6:.1f}/{total / 1e6:.1f} MB ({fraction:.0%})\n")
        elif self.tty and now - self.last_draw >= 0.1:
            self.stream.write(f"\r  {self.label} {done / 1e6:6.1f} MB")
        self.last_draw = now
        self.stream.flush()

    def finish(self) -> None:
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()


def _offline_message(url: str, reason: object) -> str:
    host = urlparse(url).netloc or url
    return (f"could not reach {host} ({reason}).\n"
            "It looks like this machine is offline (or that server is down). Nothing is lost: a partial "
            "download is kept and resumed next time.\n"
            f"Try again when online, or point {MIRROR_ENV} at a local copy, e.g.\n"
            f"    {MIRROR_ENV}=http://classroom-server:8000 dlings data fetch NAME\n"
            "Every exercise that does not need this data set works without it.")


def download(url: str, dest: Path, md5: str | None, progress: Callable[[int, int | None], None] | None = None,
             timeout: float = 30.0) -> str:
    """Download `url` to `dest`, resuming `dest.part` if present (HTTP Range); verify `md5`; move into
    place. Returns "downloaded" or "resumed". Raises FetchError with a learner-facing message."""
    part = dest.with_name(dest.name + ".part")
    have = part.stat().st_size if part.is_file() else 0
    headers = {"User-Agent": "dlings-data-fetch"}
    if have:
        headers["Range"] = f"bytes={have}-"
    request = urllib.request.Request(url, headers=headers)
    try:
        response = urllib.request.urlopen(request, timeout=timeout)  # noqa: S310 - http(s) or file URLs by design
    except urllib.error.HTTPError as exc:
        if exc.code == 416 and have:        # the part file is already whole
            response = None
        else:
            raise FetchError(f"{url} answered HTTP {exc.code} ({exc.reason}).") from exc
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise FetchError(_offline_message(url, reason)) from exc
    how = "downloaded"
    if response is not None:
        with response:
            resumed = have and getattr(response, "status", 200) == 206
            if not resumed:
                have = 0
            length = response.headers.get("Content-Length")
            total = have + int(length) if length and length.isdigit() else None
            done = have
            part.parent.mkdir(parents=True, exist_ok=True)
            try:
                with open(part, "ab" if resumed else "wb") as out:
                    while True:
                        block = response.read(CHUNK)
                        if not block:
                            break
                        out.write(block)
                        done += len(block)
                        if progress:
                            progress(done, total)
            except (urllib.error.URLError, OSError) as exc:
                raise FetchError(_offline_message(url, exc) + f"\n({done / 1e6:.1f} MB kept in {part})") from exc
            if total is not None and done < total:
                raise FetchError(_offline_message(url, "the connection closed early")
                                 + f"\n({done / 1e6:.1f} of {total / 1e6:.1f} MB kept in {part})")
            how = "resumed" if resumed else "downloaded"
    if md5:
        got = md5_of(part)
        if got != md5:
            part.unlink(missing_ok=True)
            raise FetchError(f"the checksum of {dest.name} from {url} is wrong (md5 {got}, expected {md5}).\n"
                             "The file is corrupt or not the original; it was deleted. Run the fetch again; if "
                             f"this repeats, the server (or {MIRROR_ENV}) holds a bad copy.")
    os.replace(part, dest)
    return how


def _urls(spec: RealSpec, resource: Resource) -> list[str]:
    mirror = os.environ.get(MIRROR_ENV, "").strip()
    if mirror:
        return [f"{mirror.rstrip('/')}/{spec.name}/{resource.filename}"]
    return list(resource.urls)


def _extract(archive: Path, folder: Path) -> None:
    name = archive.name
    if name.endswith((".tar.gz", ".tgz", ".tar")):
        import tarfile

        with tarfile.open(archive) as tar:
            tar.extractall(folder, filter="data")
    elif name.endswith(".gz"):
        import gzip

        with gzip.open(archive, "rb") as src, open(folder / name[:-3], "wb") as dst:
            shutil.copyfileobj(src, dst, CHUNK)
    elif name.endswith(".zip"):
        import zipfile

        with zipfile.ZipFile(archive) as zf:
            zf.extractall(folder)


def fetch(name: str, *, echo: Callable[[str], None] = print, progress: bool = True, verify: bool = True) -> Path:
    """Download, verify and extract a real data set into data_dir()/name; return its root.
    Already complete: nothing is downloaded. Raises FetchError."""
    spec = _spec(name)
    root = root_of(name)
    if is_present(name):
        echo(f"{name} is already here: {root} ({size_on_disk(root) / 1e6:.1f} MB)")
        return root
    root.mkdir(parents=True, exist_ok=True)
    resources = spec.resources()
    for resource in resources:
        folder = root / resource.folder
        folder.mkdir(parents=True, exist_ok=True)
        dest = folder / resource.filename
        if dest.is_file() and md5_of(dest) == resource.md5:
            echo(f"  {resource.filename}: already downloaded, checksum ok")
        else:
            dest.unlink(missing_ok=True)
            errors, urls = [], _urls(spec, resource)
            for url in urls:
                bar = Progress(resource.filename) if progress else None
                try:
                    how = download(url, dest, resource.md5, bar)
                except FetchError as exc:
                    errors.append(str(exc))
                    continue
                finally:
                    if bar:
                        bar.finish()
                echo(f"  {resource.filename}: {how} from {urlparse(url).netloc or url}, checksum ok")
                break
            else:
                also = f"\n(also tried {', '.join(urls[:-1])})" if len(urls) > 1 else ""
                raise FetchError(errors[-1] + also)
        if resource.extract:
            _extract(dest, folder)
    if verify:
        try:
            spec.load(root, train=False)
        except Exception as exc:  # noqa: BLE001 - anything torchvision says about the files
            raise FetchError(f"the files of {name} were downloaded but torchvision cannot read them: {exc}") from exc
    marker = {"name": name, "files": [r.filename for r in resources], "fetched": time.strftime("%Y-%m-%d %H:%M:%S")}
    tmp = root / (MARKER + ".tmp")
    tmp.write_text(json.dumps(marker))
    os.replace(tmp, root / MARKER)
    echo(f"{name} is ready in {root} ({size_on_disk(root) / 1e6:.1f} MB)")
    return root


def present() -> list[tuple[str, Path, int]]:
    """(name, path, bytes) of every fetched real data set."""
    return [(name, root_of(name), size_on_disk(root_of(name))) for name in REAL_DATASETS if is_present(name)]
