"""dlings.data: generated sets (determinism, speed, the promised properties), the cache, fetching
real sets from a loopback mirror, `dlings data` commands, and the dataset:NAME need."""
from __future__ import annotations

import hashlib
import http.server
import io
import os
import statistics
import tarfile
import threading
import time
from functools import partial
from pathlib import Path

import pytest
import torch
from click.testing import CliRunner

from dlings import data
from dlings.data import realsets as real_mod


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("DLINGS_DATA", str(tmp_path / "data"))
    monkeypatch.delenv("DLINGS_DATA_MIRROR", raising=False)
    return tmp_path / "data"


def _tensors(obj):
    if isinstance(obj, torch.Tensor):
        return [obj]
    if isinstance(obj, str):
        return [torch.tensor(list(obj.encode()))]
    if isinstance(obj, list):
        return [torch.tensor(list("|".join(obj).encode()))]
    if hasattr(obj, "tensors"):
        return list(obj.tensors)
    if hasattr(obj, "seqs"):
        return [torch.cat(obj.seqs), obj.y]
    if hasattr(obj, "texts"):
        return [torch.tensor(list("|".join(obj.texts).encode())), obj.y]
    raise TypeError(type(obj))


GENERATORS = {
    "moons": lambda **k: data.moons(300, **k),
    "spirals": lambda **k: data.spirals(300, **k),
    "rings": lambda **k: data.rings(300, **k),
    "blobs": lambda **k: data.blobs(300, **k),
    "xor": lambda **k: data.xor(300, **k),
    "regression": lambda **k: data.regression(300, **k),
    "curve": lambda **k: data.curve(300, **k),
    "shapes": lambda **k: data.shapes(200, **k),
    "shapes_shifted": lambda **k: data.shapes(200, variant="shifted", **k),
    "shapes_noisy": lambda **k: data.shapes(200, variant="noisy", **k),
    "shapes_imbalanced": lambda **k: data.shapes(200, variant="imbalanced", **k),
    "grammar_text": lambda **k: data.grammar_text(3000, **k),
    "arithmetic": lambda **k: data.arithmetic(100, **k),
    "sentiment": lambda **k: data.sentiment(200, **k),
    "time_series": lambda **k: data.time_series(300, **k),
    "variable_length": lambda **k: data.variable_length(100, **k),
}


def _same(a, b) -> bool:
    ta, tb = _tensors(a), _tensors(b)
    return len(ta) == len(tb) and all(x.shape == y.shape and torch.equal(x, y) for x, y in zip(ta, tb, strict=True))


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_deterministic_per_seed_and_split_and_leaves_global_rng_alone(name):
    make = GENERATORS[name]
    state = torch.get_rng_state()
    first = make(seed=3)
    assert torch.equal(torch.get_rng_state(), state), "a generator consumed the global RNG"
    assert _same(first, make(seed=3)), "same seed, different data"
    assert not _same(first, make(seed=4)), "a different seed gave the same data"
    assert not _same(first, make(seed=3, split="test")), "train and test are the same draw"


def test_bad_arguments_are_clear():
    with pytest.raises(ValueError, match="split must be one of"):
        data.moons(10, split="training")
    with pytest.raises(ValueError, match="variant must be one of"):
        data.shapes(10, variant="rotated")
    with pytest.raises(ValueError, match="positive int"):
        data.shapes(0)
    with pytest.raises(TypeError, match="seed must be an int"):
        data.moons(10, seed=1.5)


def _median_seconds(fn, repeat=3) -> float:
    """CPU seconds (one thread): steadier than wall time on a shared machine."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return statistics.median(times)


def test_check_sizes_generate_well_under_a_second():
    threads = torch.get_num_threads()
    torch.set_num_threads(1)   # as in a check child on CI
    try:
        slow = {}
        for name, fn in {
            "shapes(3000)": lambda: data.shapes(3000, cache=False),
            "shapes(1000, size=32)": lambda: data.shapes(1000, size=32, cache=False),
            "moons(2000)": lambda: data.moons(2000),
            "grammar_text(50k)": lambda: data.grammar_text(50_000),
            "sentiment(2000)": lambda: data.sentiment(2000),
            "variable_length(2000)": lambda: data.variable_length(2000),
            "arithmetic(2000)": lambda: data.arithmetic(2000),
        }.items():
            seconds = _median_seconds(fn)
            if seconds > 0.8:   # about 0.2 s for shapes(3000) on one idle core; room for a busy machine
                slow[name] = round(seconds, 2)
        assert not slow, f"too slow for checks: {slow}"
    finally:
        torch.set_num_threads(threads)


def test_import_is_cheap():
    import subprocess
    import sys

    code = "import sys, dlings.data; print('torch' in sys.modules, 'torchvision' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "False"], "import dlings.data should not load torch or torchvision"


# ------------------------------------------------------------------ Split and the toy sets

def test_split_is_tensors_and_a_dataset():
    s = data.moons(100, seed=0)
    assert s.x.shape == (100, 2) and s.x.dtype == torch.float32 and s.y.dtype == torch.int64
    assert len(s) == 100 and torch.equal(s[7][0], s.x[7]) and s[7][1] == s.y[7]
    x, y = s.tensors
    assert x is s.x and y is s.y
    assert torch.bincount(s.y).tolist() == [50, 50]
    seen = torch.cat([yb.new_tensor(range(len(yb))) for _, yb in s.batches(32, seed=1)])
    assert len(seen) == 100
    order = torch.cat([xb for xb, _ in s.batches(32, seed=1)])
    assert sorted(order[:, 0].tolist()) == sorted(s.x[:, 0].tolist()), "an epoch covers every sample once"
    assert [len(b[1]) for b in s.batches(32, drop_last=True)] == [32, 32, 32]
    loader = torch.utils.data.DataLoader(s, batch_size=16)
    xb, yb = next(iter(loader))
    assert torch.equal(xb, s.x[:16])
    flipped = s.with_transform(lambda t: -t)
    assert len(flipped) == 100 and torch.equal(flipped[3][0], -s.x[3])


def test_toy_sets_have_their_shape():
    rings = data.rings(400, noise=0.0, seed=0)
    radius = rings.x.norm(dim=1)
    assert torch.allclose(radius, (rings.y + 1) / 2, atol=1e-5)
    xor = data.xor(400, noise=0.0, seed=0)
    assert torch.equal(xor.y, (xor.x[:, 0] * xor.x[:, 1] > 0).long())
    spirals = data.spirals(300, classes=3, seed=0)
    assert torch.bincount(spirals.y).tolist() == [100, 100, 100] and spirals.x.abs().max() < 1.5
    blobs = data.blobs(300, centers=torch.tensor([[0.0, 0.0], [10.0, 10.0]]), std=0.1, seed=0)
    assert torch.allclose(blobs.x[blobs.y == 1].mean(0), torch.tensor([10.0, 10.0]), atol=0.1)
    assert torch.equal(data.blobs(10, seed=5).info["centers"], data.blobs(10, seed=5, split="test").info["centers"])


def test_regression_knows_its_coefficients():
    train = data.regression(2000, features=4, noise=0.0, seed=1)
    w, b = train.info["weight"], train.info["bias"]
    assert w.shape == (1, 4) and b.shape == (1,) and train.y.shape == (2000, 1)
    assert torch.allclose(train.x @ w.T + b, train.y, atol=1e-5)
    assert torch.equal(data.regression(10, features=4, split="test", seed=1).info["weight"], w)
    given = data.regression(50, weight=torch.tensor([[2.0, -1.0]]), bias=0.5, noise=0.0)
    assert torch.allclose(given.y.squeeze(1), given.x @ torch.tensor([2.0, -1.0]) + 0.5, atol=1e-5)
    fit = torch.linalg.lstsq(torch.cat([train.x, torch.ones(2000, 1)], 1), train.y).solution
    assert torch.allclose(fit[:4, 0], w[0], atol=1e-4)


# ------------------------------------------------------------------ shapes

def test_shapes_basics():
    s = data.shapes(600, classes=6, seed=0)
    assert s.x.shape == (600, 3, 16, 16) and s.x.dtype == torch.float32
    assert 0 <= s.x.min() and s.x.max() <= 1
    assert torch.equal((s.x * 255).round() / 255, s.x), "pixels are multiples of 1/255"
    assert torch.bincount(s.y).tolist() == [100] * 6
    assert s.classes == ["disk", "square", "triangle", "ring", "plus", "cross"]
    u = data.shapes(600, classes=6, seed=0, dtype=torch.uint8)
    assert u.x.dtype == torch.uint8 and torch.equal(u.x.float() / 255, s.x)
    assert data.shapes(10, size=32).x.shape == (10, 3, 32, 32)


def test_shapes_masks_leave_images_alone_and_cover_the_object():
    for kwargs in [{}, {"variant": "noisy"}, {"variant": "shifted", "split": "test"}, {"size": 24, "classes": 6}]:
        plain = data.shapes(200, seed=3, **kwargs)
        with_masks = data.shapes(200, seed=3, masks=True, **kwargs)
        assert torch.equal(plain.x, with_masks.x) and torch.equal(plain.y, with_masks.y), kwargs
        assert "masks" not in plain.info
        m = with_masks.info["masks"]
        assert m.dtype == torch.bool and m.shape == (200, *plain.x.shape[-2:]), kwargs
        assert (m.flatten(1).sum(1) > 0).all(), "every image has some object pixels"
    s = data.shapes(300, seed=0, noise=0.0, masks=True)
    m = s.info["masks"]
    assert 0.03 < m.float().mean() < 0.3
    # the object is brighter than its background: a mask pixel is nearer the image's brightest colour
    grey = s.x.mean(1)
    inside = (grey * m).flatten(1).sum(1) / m.flatten(1).sum(1)
    outside = (grey * ~m).flatten(1).sum(1) / (~m).flatten(1).sum(1)
    assert (inside > outside + 0.1).float().mean() > 0.99
    assert torch.equal(data.shapes(300, seed=0, noise=0.0, masks=True, dtype=torch.uint8).info["masks"], m)


def test_shapes_masks_are_cached_apart(private_data_dir):
    plain = data.shapes(30, seed=4, cache=True)
    masked = data.shapes(30, seed=4, cache=True, masks=True)
    assert len(list((private_data_dir / "generated").glob("shapes-*.pt"))) == 2
    again = data.shapes(30, seed=4, cache=True, masks=True)
    assert torch.equal(again.info["masks"], masked.info["masks"]) and torch.equal(again.x, plain.x)
    assert "masks" not in data.shapes(30, seed=4, cache=True).info


def _left_heavy(x: torch.Tensor) -> torch.Tensor:
    """Per image: is there more object (distance from the median background colour) left than right?"""
    grey = x.mean(1)
    energy = (grey - grey.flatten(1).median(1).values.view(-1, 1, 1)).abs()
    half = x.shape[-1] // 2
    return energy[..., :half].sum((1, 2)) > energy[..., half:].sum((1, 2))


def test_shifted_puts_train_left_and_test_right():
    train = data.shapes(300, variant="shifted", seed=0, noise=0.0)
    test = data.shapes(300, variant="shifted", split="test", seed=0, noise=0.0)
    assert _left_heavy(train.x).float().mean() > 0.97
    assert (~_left_heavy(test.x)).float().mean() > 0.97
    # a horizontal flip turns a train image into a test-like one (and never changes a class)
    assert (~_left_heavy(train.x.flip(-1))).float().mean() > 0.97
    plain = data.shapes(300, seed=0, noise=0.0)
    assert 0.3 < _left_heavy(plain.x).float().mean() < 0.7


def test_imbalanced_and_noisy_variants():
    imb = data.shapes(2000, variant="imbalanced", classes=6, seed=0)
    counts = torch.bincount(imb.y, minlength=6)
    assert counts.sum() == 2000 and (counts[:-1] > counts[1:]).all()
    assert 15 < counts[0] / counts[-1] < 25
    assert torch.bincount(data.shapes(600, variant="imbalanced", classes=6, split="test").y).tolist() == [100] * 6
    noisy = data.shapes(2000, variant="noisy", classes=6, seed=0)
    flipped = noisy.info["flipped"]
    assert 0.25 < flipped.float().mean() < 0.35
    assert torch.equal(flipped, noisy.y != noisy.info["clean_y"])
    assert data.shapes(100, variant="noisy", split="test").info["label_noise"] == 0.0


def test_image_folder_round_trips(tmp_path):
    import numpy as np
    from PIL import Image

    s = data.shapes(40, classes=4, seed=2)
    written = data.save_image_folder(s, tmp_path / "images")
    assert len(written) == 40
    for i, (path, label) in enumerate(written):
        assert path.parent.name == s.classes[label] and label == s.y[i]
        pixels = torch.from_numpy(np.array(Image.open(path).convert("RGB"))).permute(2, 0, 1)
        assert torch.equal(pixels.float() / 255, s.x[i])


# ------------------------------------------------------------------ text and sequences

def test_grammar_text():
    text = data.grammar_text(5000, seed=0)
    assert len(text) == 5000 and text[0].isupper()
    assert " an a" not in text.replace(" an a", "")  # "an" only before a vowel
    for word in ("an", "a"):
        for follower in [t.split()[0] for t in text.split(f" {word} ")[1:] if t.split()]:
            assert (follower[0] in "aeiou") == (word == "an"), (word, follower)


def test_arithmetic_is_right():
    for s in data.arithmetic(300, digits=3, ops="+-*", seed=1):
        question, answer = s.split("=")
        assert eval(question) == int(answer) and int(answer) >= 0  # noqa: S307 - digits and one operator


def test_sentiment_labels_follow_the_rules():
    polarity = {w: 1 for w in ("good great excellent fun lovely nice pleasant brilliant superb enjoyable").split()}
    polarity |= {w: 0 for w in ("bad awful terrible boring poor dull horrible bland weak dreadful").split()}

    def clause(words):
        adjective = polarity[words[-1]]
        return 1 - adjective if ("not" in words or "never" in words) else adjective

    s = data.sentiment(500, seed=0)
    assert torch.bincount(s.y).tolist() == [250, 250]
    forms = s.info["form"]
    assert 0.6 < sum(f != "single" for f in forms) / 500 < 0.8
    for text, label, form in zip(s.texts, s.y.tolist(), forms, strict=True):
        words = text.split()
        if form == "single":
            assert clause(words) == label
        else:
            first, second = (text.removeprefix("although ").split(" , ") if form == "although"
                             else text.split(" but "))
            assert clause(second.split()) == label and clause(first.split()) == 1 - label


def test_vocab_round_trip_and_padding():
    texts = ["the food was good", "the plot is not very dull but the music was nice"]
    vocab = data.Vocab.build(texts, level="word")
    assert vocab.itos[:2] == ["<pad>", "<unk>"] and vocab.pad_id == 0
    assert vocab.decode(vocab.encode(texts[1])) == texts[1]
    assert vocab.encode("the zebra").tolist()[1] == vocab.unk_id
    padded, lengths = vocab.encode_batch(texts)
    assert padded.shape == (2, 11) and lengths.tolist() == [4, 11] and (padded[0, 4:] == 0).all()
    chars = data.Vocab.build("hello", specials=())
    assert len(chars) == 4 and chars.decode(chars.encode("hello")) == "hello"
    with pytest.raises(KeyError, match="not in the vocabulary"):
        chars.encode("x")
    ids = torch.arange(100)
    pairs = data.lm_windows(ids, 8)
    assert torch.equal(pairs.y, pairs.x + 1) and pairs.x.shape == (12, 8)
    assert data.lm_windows(ids, 8, n=5, seed=0).x.shape == (5, 8)


def test_sequences():
    for task in ("last", "sum", "mean", "length"):
        s = data.variable_length(200, min_len=3, max_len=9, task=task, seed=0)
        assert s.lengths.min() >= 3 and s.lengths.max() <= 9
        for seq, y in zip(s.seqs, s.y, strict=True):
            assert seq.min() >= 1
            expected = {"last": seq[-1], "sum": seq.sum().float(), "mean": seq.float().mean(),
                        "length": torch.tensor(len(seq))}[task]
            assert torch.allclose(y.float(), expected.float())
    s = data.variable_length(10, seed=0)
    padded, lengths, y = s.collate([s[0], s[1], s[2]])
    assert padded.shape == (3, int(lengths.max())) and torch.equal(padded[0, :lengths[0]], s.seqs[0])
    series = data.time_series(100, trend=0.0, noise=0.0, period=10)
    assert torch.allclose(series[:10], series[10:20], atol=1e-4)
    w = data.forecast_windows(torch.arange(20.0), lookback=5, horizon=2)
    assert w.x.shape == (14, 5) and torch.equal(w.y[0], torch.tensor([5.0, 6.0]))


# ------------------------------------------------------------------ the cache

def test_large_sets_are_cached_atomically(private_data_dir, monkeypatch):
    first = data.shapes(50, seed=1, cache=True)
    files = list((private_data_dir / "generated").glob("shapes-*.pt"))
    assert len(files) == 1 and not list((private_data_dir / "generated").glob(".*tmp"))
    from dlings.data import images

    def broken(*args, **kwargs):
        raise AssertionError("rendered again instead of reading the cache")

    monkeypatch.setattr(images, "render", broken)
    again = data.shapes(50, seed=1, cache=True)
    assert torch.equal(first.x, again.x) and torch.equal(first.y, again.y)
    monkeypatch.undo()
    monkeypatch.setenv("DLINGS_DATA", str(private_data_dir))
    files[0].write_bytes(b"truncated")
    rebuilt = data.shapes(50, seed=1, cache=True)
    assert torch.equal(rebuilt.x, first.x)
    assert len(list((private_data_dir / "generated").glob("shapes-*.pt"))) == 1
    other = data.shapes(50, seed=2, cache=True)
    assert not torch.equal(other.x, first.x)
    assert len(list((private_data_dir / "generated").glob("shapes-*.pt"))) == 2


def test_unwritable_cache_is_not_an_error(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("DLINGS_DATA", str(blocker))
    assert len(data.shapes(20, cache=True)) == 20


# ------------------------------------------------------------------ fetching from a loopback mirror

class RangeHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files, honouring `Range: bytes=N-` (what a resumed download sends)."""

    seen: list[tuple[str, str | None]] = []

    def log_message(self, *args):
        pass

    def do_GET(self):
        RangeHandler.seen.append((self.path, self.headers.get("Range")))
        path = Path(self.translate_path(self.path))
        if not path.is_file():
            self.send_error(404)
            return
        body = path.read_bytes()
        start = 0
        wanted = self.headers.get("Range")
        if wanted and wanted.startswith("bytes="):
            start = int(wanted[6:].split("-")[0])
            if start >= len(body):
                self.send_error(416)
                return
            self.send_response(206)
            self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
        else:
            self.send_response(200)
        self.send_header("Content-Length", str(len(body) - start))
        self.end_headers()
        self.wfile.write(body[start:])


@pytest.fixture
def mirror(tmp_path):
    """A loopback HTTP server over tmp_path/mirror, with a small archive for the data set "tiny"."""
    root = tmp_path / "mirror"
    (root / "tiny").mkdir(parents=True)
    payload = os.urandom(300_000)
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        info = tarfile.TarInfo("tiny-data/values.bin")
        info.size = len(payload)
        tar.addfile(info, io.BytesIO(payload))
    archive = buffer.getvalue()
    (root / "tiny" / "tiny.tar.gz").write_bytes(archive)
    RangeHandler.seen = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(RangeHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield {"url": f"http://127.0.0.1:{server.server_address[1]}", "archive": archive, "payload": payload}
    server.shutdown()
    server.server_close()


def _tiny_spec(md5: str, upstream: str = "http://127.0.0.1:9/tiny.tar.gz"):
    def load(root, train=True, transform=None, target_transform=None):
        return (Path(root) / "tiny-data" / "values.bin").read_bytes()

    return real_mod.RealSpec("tiny", "a tiny test set", 0.3,
                             lambda: [real_mod.Resource("tiny.tar.gz", md5, (upstream,))], load, "test bytes")


@pytest.fixture
def tiny(monkeypatch, mirror):
    spec = _tiny_spec(hashlib.md5(mirror["archive"]).hexdigest())
    monkeypatch.setitem(real_mod.REAL_DATASETS, "tiny", spec)
    monkeypatch.setenv("DLINGS_DATA_MIRROR", mirror["url"])
    return mirror


def test_fetch_from_mirror(tiny, private_data_dir):
    assert not data.is_present("tiny")
    lines = []
    root = data.fetch("tiny", echo=lines.append, progress=False)
    assert root == private_data_dir / "tiny"
    assert data.is_present("tiny")
    assert data.real("tiny") == tiny["payload"]
    assert RangeHandler.seen == [("/tiny/tiny.tar.gz", None)], "DLINGS_DATA_MIRROR/<name>/<file> is what is fetched"
    assert not list(root.glob("*.part"))
    data.fetch("tiny", echo=lines.append, progress=False)
    assert len(RangeHandler.seen) == 1, "a present data set is not downloaded again"
    assert "already here" in lines[-1]


def test_fetch_resumes_a_partial_download(tiny, private_data_dir):
    folder = private_data_dir / "tiny"
    folder.mkdir(parents=True)
    half = len(tiny["archive"]) // 2
    (folder / "tiny.tar.gz.part").write_bytes(tiny["archive"][:half])
    lines = []
    data.fetch("tiny", echo=lines.append, progress=False)
    assert RangeHandler.seen == [("/tiny/tiny.tar.gz", f"bytes={half}-")]
    assert any("resumed" in line for line in lines)
    assert data.real("tiny") == tiny["payload"]


def test_fetch_checksum_failure_leaves_nothing_behind(monkeypatch, mirror, private_data_dir):
    monkeypatch.setitem(real_mod.REAL_DATASETS, "tiny", _tiny_spec("0" * 32))
    monkeypatch.setenv("DLINGS_DATA_MIRROR", mirror["url"] + "/")
    with pytest.raises(data.FetchError, match="checksum of tiny.tar.gz") as caught:
        data.fetch("tiny", echo=lambda line: None, progress=False)
    assert "deleted" in str(caught.value)
    assert not data.is_present("tiny")
    assert not list((private_data_dir / "tiny").glob("tiny.tar.gz*"))


def test_fetch_offline_says_so(monkeypatch, private_data_dir):
    monkeypatch.setitem(real_mod.REAL_DATASETS, "tiny", _tiny_spec("0" * 32, upstream="http://127.0.0.1:9/tiny.tar.gz"))
    with pytest.raises(data.FetchError) as caught:
        data.fetch("tiny", echo=lambda line: None, progress=False)
    message = str(caught.value)
    assert "offline" in message and "DLINGS_DATA_MIRROR" in message
    with pytest.raises(data.FetchError, match="dlings data fetch tiny"):
        data.real("tiny")


def test_real_sets_know_torchvision_sources():
    for name in ("mnist", "fashion_mnist", "cifar10"):
        resources = real_mod.REAL_DATASETS[name].resources()
        assert resources and all(len(r.md5) == 32 and r.urls for r in resources)


# ------------------------------------------------------------------ the commands

def _dlings(*args):
    from dlings.cli import cli

    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def test_cli_fetch_list_show(tiny, tmp_path):
    code, out = _dlings("data", "fetch", "tiny", "--no-progress")
    assert code == 0, out
    assert "tiny is ready" in out
    code, out = _dlings("data", "list")
    assert code == 0 and "shapes" in out and "not fetched" in out and "dlings data fetch cifar10" in out
    code, out = _dlings("data", "show", "shapes", "-n", "4", "--plain")
    assert code == 0 and "disk" in out or "square" in out
    png = tmp_path / "grid.png"
    code, out = _dlings("data", "show", "shapes", "-n", "8", "--png", str(png))
    assert code == 0 and png.stat().st_size > 100
    for name in ("moons", "sentiment", "grammar_text", "arithmetic", "time_series", "variable_length", "regression"):
        code, out = _dlings("data", "show", name, "-n", "4")
        assert code == 0 and out.strip(), name
    code, out = _dlings("data", "show", "cifar10")
    assert code == 1 and "dlings data fetch cifar10" in out
    code, out = _dlings("data", "show", "nonsense")
    assert code == 1 and "dlings data list" in out


# ------------------------------------------------------------------ the dataset:NAME need

@pytest.mark.skipif(not hasattr(os, "fork"), reason="the fork engine inherits this test's DLINGS_DATA")
def test_dataset_need_skips_with_the_fetch_command_then_runs(curriculum, tmp_path, private_data_dir):
    from dlings.catalog import load_catalog
    from dlings.engine import make_engine
    from dlings.session import job_for
    from dlings.verdict import Status

    catalog = load_catalog(curriculum.root)
    path = tmp_path / "learner.py"
    path.write_text("import torch\ndef double(x):\n    return x * 2\n")
    engine = make_engine(name="fork")
    try:
        job = job_for(catalog, catalog.get("first"), path, "exercises/01_demo/first.py")
        job.needs = ("dataset:cifar10",)
        verdict = engine.run(job)
        assert verdict.status is Status.SKIPPED, verdict.message
        assert "dlings data fetch cifar10" in verdict.message
        layout = private_data_dir / "cifar10" / "cifar-10-batches-py"
        layout.mkdir(parents=True)
        (layout / "test_batch").write_bytes(b"x")
        verdict = engine.run(job)
        assert verdict.status is Status.PASSED, verdict.message
    finally:
        engine.close()
