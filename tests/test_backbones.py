"""dlings.data.pretrained_backbone: deterministic, cached, independent copies, and actually pretrained."""
from __future__ import annotations

import time

import pytest
import torch

from dlings import data
from dlings.data import backbones

TINY = dict(n=192, epochs=1, batch=64, lr=3e-3, size=16)


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("DLINGS_DATA", str(tmp_path / "data"))
    return tmp_path / "data"


@pytest.fixture
def tiny(monkeypatch):
    """A short pretraining run: the properties below do not depend on its length."""
    monkeypatch.setattr(backbones, "_PRETRAIN", TINY)


def _same(a: torch.nn.Module, b: torch.nn.Module) -> bool:
    sa, sb = a.state_dict(), b.state_dict()
    return sa.keys() == sb.keys() and all(torch.equal(sa[k], sb[k]) for k in sa)


def test_deterministic_and_cached(tiny, private_data_dir):
    fresh = data.pretrained_backbone(cache=False)
    assert not (private_data_dir / "generated").exists()
    first = data.pretrained_backbone()
    assert _same(fresh, first), "the same seed must give the same weights"
    files = list((private_data_dir / "generated").glob("backbone-*.pt"))
    assert len(files) == 1
    start = time.perf_counter()
    second = data.pretrained_backbone()
    assert time.perf_counter() - start < 1.0, "the second call must load the cache, not train again"
    assert _same(first, second)
    other = data.pretrained_backbone(seed=1)
    assert not _same(first, other), "another seed gives other weights"


def test_thread_count_does_not_change_the_weights(tiny):
    threads = torch.get_num_threads()
    try:
        torch.set_num_threads(2)
        a = data.pretrained_backbone(cache=False)
        assert torch.get_num_threads() == 2, "the caller's thread count is restored"
    finally:
        torch.set_num_threads(threads)
    b = data.pretrained_backbone(cache=False)
    assert _same(a, b)


def test_independent_copies_and_untouched_rng(tiny):
    data.pretrained_backbone()
    torch.manual_seed(123)
    expected = torch.rand(3)
    torch.manual_seed(123)
    a = data.pretrained_backbone()
    b = data.pretrained_backbone()
    assert torch.equal(torch.rand(3), expected), "building or loading must not consume the global RNG"
    assert a is not b and _same(a, b)
    with torch.no_grad():
        a.features[0][0].weight.add_(1.0)
        a.features[0][1].running_mean.add_(1.0)
    a.head = torch.nn.Linear(64, 4)
    assert not _same(a, b)
    c = data.pretrained_backbone()
    assert _same(b, c), "changing one copy must not change the next"
    assert c.training and isinstance(c.head, torch.nn.Linear) and c.head.out_features == 6
    assert c.classes == data.SHAPE_CLASSES[:6]


def test_layout_and_any_image_size(tiny):
    model = data.pretrained_backbone()
    assert isinstance(model, data.ShapesCNN)
    assert len(model.features) == 3
    assert sum(isinstance(m, torch.nn.BatchNorm2d) for m in model.modules()) == 3
    for size in (16, 32, 9):
        out = model.pool(model.features(torch.rand(2, 3, size, size)))
        assert out.shape == (2, 64)
    assert model(torch.rand(5, 3, 16, 16)).shape == (5, 6)


def test_unknown_name_and_bad_seed():
    with pytest.raises(ValueError, match="shapes_cnn"):
        data.pretrained_backbone("resnet18")
    with pytest.raises(TypeError):
        data.pretrained_backbone(seed=1.5)


def test_corrupt_cache_is_rebuilt(tiny, private_data_dir):
    first = data.pretrained_backbone()
    (path,) = (private_data_dir / "generated").glob("backbone-*.pt")
    path.write_bytes(b"not a checkpoint")
    again = data.pretrained_backbone()
    assert _same(first, again)


def test_the_real_backbone_is_pretrained():
    """The full pretraining run (about 3-4 s of CPU on one thread): the six pretraining classes are learned."""
    model = data.pretrained_backbone().eval()
    test = data.shapes(600, classes=6, split="test", seed=0)
    with torch.no_grad():
        acc = (model(test.x).argmax(1) == test.y).float().mean().item()
    assert acc > 0.9, acc
