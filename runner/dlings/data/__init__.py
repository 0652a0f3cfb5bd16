"""Generated, offline teaching data sets, and the real ones a learner has fetched.

    from dlings import data

    train = data.shapes(3000, variant="shifted", seed=0)          # a Split: tensors and a Dataset
    test = data.shapes(1000, variant="shifted", split="test", seed=0)
    x, y = train.x, train.y                                       # (3000, 3, 16, 16), (3000,)
    loader = torch.utils.data.DataLoader(train, batch_size=64, shuffle=True)

Every generator is deterministic in (split, seed), never touches the global RNG, and is fast at
check sizes. See docs/DATA.md for the list, pictures and the measured reference table.
Importing this package is cheap: each submodule loads on first use.
"""
from __future__ import annotations

import importlib

_EXPORTS = {
    # core
    "Split": "_core", "TransformedSplit": "_core", "data_dir": "_core", "generator": "_core",
    # toy
    "moons": "toy", "spirals": "toy", "rings": "toy", "blobs": "toy", "xor": "toy",
    "regression": "toy", "curve": "toy",
    # images
    "shapes": "images", "SHAPE_CLASSES": "images",
    # text
    "grammar_text": "text", "arithmetic": "text", "sentiment": "text", "Vocab": "text", "TextSplit": "text",
    "lm_windows": "text",
    # sequences
    "time_series": "sequences", "forecast_windows": "sequences", "variable_length": "sequences",
    "SequenceSplit": "sequences", "pad_batch": "sequences",
    # pretrained backbones
    "pretrained_backbone": "backbones", "ShapesCNN": "backbones",
    # files and real data sets
    "save_image_folder": "files", "real": "realsets", "REAL_DATASETS": "realsets",
    "is_present": "realsets", "fetch": "realsets", "FetchError": "realsets",
}

__all__ = [
    "FetchError", "REAL_DATASETS", "SHAPE_CLASSES", "SequenceSplit", "ShapesCNN", "Split", "TextSplit", "TransformedSplit",
    "Vocab", "arithmetic", "blobs", "curve", "data_dir", "fetch", "forecast_windows", "generator",
    "grammar_text", "is_present", "lm_windows", "moons", "pad_batch", "pretrained_backbone", "real", "regression", "rings",
    "save_image_folder", "sentiment", "shapes", "spirals", "time_series", "variable_length", "xor",
]
assert sorted(__all__) == sorted(_EXPORTS)


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'dlings.data' has no attribute {name!r}")
    mod = importlib.import_module(f"dlings.data.{module}")
    value = getattr(mod, "CLASSES" if name == "SHAPE_CLASSES" else name)
    globals()[name] = value
    return value


def __dir__():
    return __all__
