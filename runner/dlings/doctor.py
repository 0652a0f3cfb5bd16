"""`dlings doctor`: what this machine offers, and what a missing piece means for the learner."""
from __future__ import annotations

import platform
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

import click


def _line(ok: bool | None, label: str, detail: str) -> None:
    mark = {True: click.style("ok  ", fg="green"), False: click.style("no  ", fg="yellow"),
            None: click.style("--  ", dim=True)}[ok]
    click.echo(f"{mark}{label:<22}{detail}")


def file_events_work(folder: Path, wait: float = 2.0) -> bool:
    from dlings.watcher import ExerciseWatcher

    seen = threading.Event()
    watcher = ExerciseWatcher(folder, lambda _p: seen.set(), debounce=0.05)
    if watcher.start() != "events":
        watcher.stop()
        return False
    try:
        time.sleep(0.1)
        (folder / "probe.py").write_text("# probe\n")
        return seen.wait(wait)
    finally:
        watcher.stop()


def run_doctor() -> int:
    problems = 0
    _line(sys.version_info >= (3, 10), "python", f"{platform.python_version()} ({sys.executable})")
    try:
        import torch
    except ImportError:
        _line(False, "torch", "not installed: `pip install torch` (every exercise needs it)")
        return 1
    _line(True, "torch", torch.__version__)
    try:
        import torchvision

        _line(True, "torchvision", torchvision.__version__)
    except Exception as exc:  # noqa: BLE001 - a broken install shows as an import error of any kind
        problems += 1
        _line(False, "torchvision", f"unusable ({type(exc).__name__}): the data and CNN tracks need it; "
              "install torch and torchvision together")
    for name in ("textual", "watchdog", "pytest", "numpy", "click"):
        try:
            module = __import__(name)
            _line(True, name, getattr(module, "__version__", "installed"))
        except ImportError:
            problems += 1
            _line(False, name, "missing: reinstall dlings (pip install -e .)")
    if torch.cuda.is_available():
        names = ", ".join(torch.cuda.get_device_name(i) for i in range(torch.cuda.device_count()))
        _line(True, "cuda", f"{torch.cuda.device_count()} GPU(s): {names} (CUDA {torch.version.cuda})")
    else:
        _line(False, "cuda", "no CUDA GPU: exercises with needs = [\"cuda\"] are skipped, and you can go on")
    mps = getattr(torch.backends, "mps", None)
    _line(bool(mps and mps.is_available()), "mps", "Apple GPU available" if mps and mps.is_available()
          else "not available (only on Apple silicon)")
    compiler = next((c for c in ("c++", "g++", "clang++") if shutil.which(c)), None)
    _line(bool(compiler), "c++ compiler", compiler or "none: the C++ extension exercises are skipped")
    from dlings.engine import engine_choice

    engine, why = engine_choice()
    spares = " (1-2 spare interpreters kept warm, about 0.7 GB each)" if engine == "pool" else ""
    _line(True, "check engine", f"{engine}: {why}{spares}; DLINGS_ENGINE=fork|pool overrides")
    with tempfile.TemporaryDirectory() as folder:
        events = file_events_work(Path(folder))
    _line(events, "file events", "saves are seen at once" if events
          else "not delivered here: `dlings watch` polls instead; `--manual` and the r key always work")
    from dlings.data.realsets import present
    from dlings.needs import data_dir

    found = ", ".join(f"{name} ({size / 1e6:.0f} MB)" for name, _path, size in present())
    _line(bool(found) or None, "data sets", f"{found} in {data_dir()}" if found else
          "none fetched (optional): `dlings data fetch mnist|fashion_mnist|cifar10`; `dlings data list`")
    return 1 if problems else 0
