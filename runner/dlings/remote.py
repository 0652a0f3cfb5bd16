"""Checks that run where the GPU is: `dlings run NAME --via "ssh gpu-box"`.

The transport is whatever command prefix the learner already uses to reach a
machine (ssh, srun, docker exec, kubectl exec). dlings runs

    <prefix> dlings check-remote

there, sends one JSON request on standard input (the version, the exercise's
name and the learner's file, nothing else) and reads one JSON answer on
standard output: the verdict and the machine and device it ran on. The far
side needs only dlings itself, of the same version.
"""
from __future__ import annotations

import json
import platform
import shlex
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from dlings import __version__
from dlings.verdict import Verdict

TRANSFER_SECONDS = 120  # on top of the check's own timeout: connecting, queueing (srun), starting Python
CONFIG_FILE = "config.json"


class RemoteError(Exception):
    """The far side could not be reached or could not run the check (never the learner's verdict)."""


@dataclass
class RemoteVerdict:
    verdict: Verdict
    host: str
    device: str


def request_for(name: str, source: str) -> dict:
    return {"dlings": __version__, "name": name, "source": source}


def run_remote(prefix: str, name: str, source: str, timeout: float) -> RemoteVerdict:
    """Send one exercise through `prefix` and bring its verdict back."""
    try:
        command = shlex.split(prefix) + ["dlings", "check-remote"]
    except ValueError as exc:
        raise RemoteError(f"the --via command cannot be parsed ({exc})") from None
    if not command[:-2]:
        raise RemoteError("--via needs a command, e.g. --via \"ssh gpu-box\"")
    try:
        done = subprocess.run(command, input=json.dumps(request_for(name, source)), capture_output=True, text=True,
                              timeout=timeout + TRANSFER_SECONDS)
    except FileNotFoundError:
        raise RemoteError(f"could not reach {prefix}: `{command[0]}` is not a command here") from None
    except subprocess.TimeoutExpired:
        raise RemoteError(f"could not reach {prefix}: no answer within {timeout + TRANSFER_SECONDS:g} s "
                          "(the check's time limit plus the transfer)") from None
    answer = _last_json_line(done.stdout)
    if answer is None:
        said = (done.stderr.strip().splitlines() or [f"exit code {done.returncode}, no answer"])[-1]
        raise RemoteError(f"could not reach {prefix}: {said}")
    if "error" in answer:
        raise RemoteError(f"{prefix} answered: {answer['error']}")
    return RemoteVerdict(Verdict.from_dict(answer["verdict"]), answer.get("host", "?"), answer.get("device", "?"))


def _last_json_line(text: str) -> dict | None:
    for line in reversed(text.strip().splitlines()):
        line = line.strip()
        if line.startswith("{"):
            try:
                value = json.loads(line)
            except ValueError:
                continue
            if isinstance(value, dict):
                return value
    return None


def serve_one(stdin=None, stdout=None) -> int:
    """The far side: judge the exercise in the request with this machine's curriculum."""
    stdin, stdout = stdin or sys.stdin, stdout or sys.stdout
    try:
        request = json.loads(stdin.read())
        name, source, version = request["name"], request["source"], request["dlings"]
    except (ValueError, KeyError, TypeError) as exc:
        return _answer(stdout, {"error": f"a malformed request ({exc})"})
    if version != __version__:
        return _answer(stdout, {"error": f"this machine has dlings {__version__}, yours is {version}; run "
                                         f"`pip install dlings=={version}` here (or upgrade both)"})
    from dlings.catalog import CatalogError, load_catalog
    from dlings.engine import make_engine
    from dlings.paths import curriculum_root
    from dlings.session import job_for

    try:
        catalog = load_catalog(curriculum_root())
        ex = catalog.get(name)
    except (CatalogError, KeyError) as exc:
        return _answer(stdout, {"error": str(exc)})
    with tempfile.TemporaryDirectory(prefix="dlings-remote-") as folder:
        path = Path(folder) / "exercises" / ex.relpath
        path.parent.mkdir(parents=True)
        path.write_text(source, encoding="utf-8")
        engine = make_engine(reap_orphans=True)
        try:
            verdict = engine.run(job_for(catalog, ex, path, f"exercises/{ex.relpath}"))
        finally:
            engine.close()
    return _answer(stdout, {"verdict": verdict.to_dict(), "host": platform.node(), "device": _device()})


def _device() -> str:
    try:
        import torch

        if torch.cuda.is_available():
            return torch.cuda.get_device_name(0)
    except Exception:  # noqa: BLE001 - a broken CUDA install still answers
        pass
    return "CPU"


def _answer(stdout, answer: dict) -> int:
    stdout.write("\n" + json.dumps(answer) + "\n")
    stdout.flush()
    return 0 if "verdict" in answer else 2


# -- the prefix remembered per workspace ----------------------------------------------------
def config_path(workspace: Path) -> Path:
    return workspace / ".dlings" / CONFIG_FILE


def load_config(workspace: Path) -> dict:
    try:
        value = json.loads(config_path(workspace).read_text(encoding="utf-8"))
        return value if isinstance(value, dict) else {}
    except (OSError, ValueError):
        return {}


def save_config(workspace: Path, config: dict) -> None:
    from dlings.workspace import write_inside

    write_inside(workspace, config_path(workspace), (json.dumps(config, indent=1, sort_keys=True) + "\n").encode())


def via_for(workspace: Path, needs: tuple[str, ...], explicit: str | None) -> str | None:
    """The prefix to use: --via if given, else the remembered one for exercises this machine cannot run."""
    if explicit:
        return explicit
    remembered = load_config(workspace).get("via")
    if not remembered:
        return None
    from dlings.needs import missing_needs

    gpu_needs = [n for n in needs if n in ("cuda", "multi_gpu")]
    return remembered if missing_needs(gpu_needs) else None
