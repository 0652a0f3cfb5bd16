"""What an exercise's needs say on a machine without them, and how a fetched file changes that."""
import pytest

from dlings import needs


def test_weights_need_is_missing_until_the_file_is_in_torchs_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("TORCH_HOME", str(tmp_path))
    assert needs.missing_needs(["weights:resnet18"]) == ["weights:resnet18"]
    reason = needs.skip_reason(["weights:resnet18"])
    assert "resnet18" in reason and "torchvision.models.resnet18(weights='IMAGENET1K_V1')" in reason
    path = needs.weights_file("resnet18")
    assert path is not None and path.parent == tmp_path / "hub" / "checkpoints"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"stand-in")
    assert needs.missing_needs(["weights:resnet18"]) == []


def test_unknown_weights_are_never_present():
    assert needs.weights_file("no_such_model") is None
    assert needs.missing_needs(["weights:no_such_model"]) == ["weights:no_such_model"]


@pytest.mark.parametrize("need", ["dataset:cifar10", "weights:resnet18"])
def test_named_needs_pass_the_catalog(need):
    from dlings.catalog import DATASET_NEED

    assert DATASET_NEED.match(need)
