"""Which of an exercise's needs (GPU, compiler, data set, pretrained weights, network) this machine lacks.

Called inside the forked check process: a CUDA probe in the long-lived worker
would make every later fork unable to use CUDA.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

DESCRIPTIONS = {
    "cuda": "a CUDA GPU",
    "multi_gpu": "two or more CUDA GPUs",
    "mps": "an Apple-silicon GPU (MPS)",
    "compiler": "a C++ compiler (g++ or clang++)",
    "network": "network access (set DLINGS_NETWORK=1 to allow it)",
}


def data_dir() -> Path:
    """Where fetched and cached data lives: $DLINGS_DATA, else ~/.dlings/data (torch-free, for doctor too)."""
    return Path(os.environ.get("DLINGS_DATA", Path.home() / ".dlings" / "data"))


# weights:NAME -> the torchvision weights enum member whose file must be in torch's hub cache.
WEIGHTS = {"resnet18": ("ResNet18_Weights", "IMAGENET1K_V1")}


def weights_file(name: str) -> Path | None:
    """Where torch keeps the downloaded file of pretrained weights `name` (None for an unknown name)."""
    if name not in WEIGHTS:
        return None
    import torch
    from torchvision import models

    enum_name, member = WEIGHTS[name]
    url = getattr(getattr(models, enum_name), member).url
    return Path(torch.hub.get_dir()) / "checkpoints" / Path(url).name


def weights_fetch_command(name: str) -> str:
    member = WEIGHTS[name][1] if name in WEIGHTS else "DEFAULT"
    return f"python -c \"import torchvision; torchvision.models.{name}(weights='{member}')\""


def describe(need: str) -> str:
    if need.startswith("weights:"):
        name = need.split(":", 1)[1]
        return (f"torchvision's pretrained {name} weights, not on this machine yet (checks never download; "
                f"fetch them once with `{weights_fetch_command(name)}`)")
    if need.startswith("dataset:"):
        name = need.split(":", 1)[1]
        return (f"the {name} data set, not on this machine yet (checks never download; fetch it once with "
                f"`dlings data fetch {name}`)")
    return DESCRIPTIONS.get(need, need)


def has(need: str) -> bool:
    if need in ("cuda", "multi_gpu"):
        import torch

        if not torch.cuda.is_available():
            return False
        return need == "cuda" or torch.cuda.device_count() >= 2
    if need == "mps":
        import torch

        return bool(getattr(torch.backends, "mps", None) and torch.backends.mps.is_available())
    if need == "compiler":
        return any(shutil.which(c) for c in ("c++", "g++", "clang++"))
    if need == "network":
        return os.environ.get("DLINGS_NETWORK") == "1"
    if need.startswith("weights:"):
        path = weights_file(need.split(":", 1)[1])
        return path is not None and path.is_file()
    if need.startswith("dataset:"):
        from dlings.data.realsets import is_present

        return is_present(need.split(":", 1)[1])
    return False


def missing_needs(needs: tuple[str, ...] | list[str]) -> list[str]:
    # DLINGS_ASSUME_NEEDS=cuda,compiler: treat those as present. For testing transports
    # (`--via`) with a fake remote; a real check that needs the hardware still fails without it.
    assumed = {n.strip() for n in os.environ.get("DLINGS_ASSUME_NEEDS", "").split(",") if n.strip()}
    return [need for need in needs if need not in assumed and not has(need)]


def skip_reason(needs: list[str]) -> str:
    return "needs " + ", ".join(describe(n) for n in needs)
