"""Checks that run where the GPU is: `dlings run NAME --via "ssh gpu-box"`.

The transport is whatever command prefix the learner already uses to reach a
machine (ssh, srun, docker exec, kubectl exec). dlings runs

    <prefix> dlings check-remote

there, sends one JSON request on standard input (the version, the exercise's
name and the learner's file, nothing else) and reads one JSON answer on
standard output: the verdict and the machine and device it ran on. The far
side needs only dlings itself, of the same version.

`dlings run NAME --via PREFIX` sends NAME there. With a remembered prefix
(`dlings config via`) or `dlings watch --via`, every check runs here first and
only one that comes back skipped for want of a GPU goes through the prefix
(`goes_through_prefix`); the watchers get that from `RemoteRouter`, which wraps
their checker. A transport that fails is a RemoteError, shown as such and
never recorded as the exercise's verdict.
"""
from __future__ import annotations

import json
import os
import platform
import shlex
import signal
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from dlings import __version__
from dlings.verdict import Status, Verdict

if TYPE_CHECKING:
    from dlings.engine import CheckJob

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


def run_remote(prefix: str, name: str, source: str, timeout: float,
               on_start: Callable[[subprocess.Popen], None] | None = None) -> RemoteVerdict:
    """Send one exercise through `prefix` and bring its verdict back (its `ran_on` names the far machine).

    `on_start` receives the transport's process as soon as it runs (to end it early: a newer save came).
    Raises RemoteError for anything that is the transport's fault, never for the learner's."""
    try:
        command = shlex.split(prefix) + ["dlings", "check-remote"]
    except ValueError as exc:
        raise RemoteError(f"the --via command cannot be parsed ({exc})") from None
    if not command[:-2]:
        raise RemoteError("--via needs a command, e.g. --via \"ssh gpu-box\"")
    try:
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   text=True, encoding="utf-8", errors="replace",
                                   start_new_session=hasattr(os, "killpg"))
    except FileNotFoundError:
        raise RemoteError(f"could not reach {prefix}: `{command[0]}` is not a command here") from None
    except OSError as exc:
        raise RemoteError(f"could not reach {prefix}: `{command[0]}` cannot be started ({exc.strerror})") from None
    if on_start is not None:
        on_start(process)
    try:
        stdout, stderr = process.communicate(json.dumps(request_for(name, source)), timeout=timeout + TRANSFER_SECONDS)
    except subprocess.TimeoutExpired:
        end_transport(process)
        raise RemoteError(f"could not reach {prefix}: no answer within {timeout + TRANSFER_SECONDS:g} s "
                          "(the check's time limit plus the transfer)") from None
    answer = _last_json_line(stdout)
    if answer is None:
        said = (stderr.strip().splitlines() or [f"exit code {process.returncode}, no answer"])[-1]
        raise RemoteError(f"could not reach {prefix}: {said}")
    if "error" in answer:
        raise RemoteError(f"{prefix} answered: {answer['error']}")
    try:
        verdict = Verdict.from_dict(answer["verdict"])
    except (KeyError, TypeError, ValueError) as exc:
        raise RemoteError(f"{prefix} sent a verdict dlings cannot read ({exc})") from None
    host, device = str(answer.get("host", "?")), str(answer.get("device", "?"))
    verdict.ran_on = f"{host}: {device}"
    return RemoteVerdict(verdict, host, device)


def end_transport(process: subprocess.Popen) -> None:
    """End a transport (ssh, srun, ...) and what it started here, and reap it."""
    for kill in ((lambda: os.killpg(process.pid, signal.SIGKILL)) if hasattr(os, "killpg") else None, process.kill):
        if kill is None:
            continue
        try:
            kill()
        except (ProcessLookupError, PermissionError, OSError):
            pass
    try:
        process.wait(timeout=5)   # reaped here; the thread reading its answer then sees the pipes close
    except (subprocess.TimeoutExpired, OSError):
        pass


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


GPU_NEEDS = ("cuda", "multi_gpu")


def needs_gpu(needs: tuple[str, ...] | list[str]) -> bool:
    return any(need in GPU_NEEDS for need in needs)


def remembered_via(workspace: Path) -> str | None:
    """The prefix saved with `dlings config via ...`, if any."""
    value = load_config(workspace).get("via")
    return value if isinstance(value, str) and value.strip() else None


def goes_through_prefix(needs: tuple[str, ...] | list[str], verdict: Verdict) -> bool:
    """Whether a verdict judged here should be judged through the prefix instead: this machine skipped
    the exercise for want of a GPU (not only for a data set or weights it lacks).

    Deciding from the local verdict (the check's own `needs` test, in its own process, whose skip message
    names each missing need with `needs.describe`) rather than by probing CUDA here keeps CUDA out of
    the process the fork engine forks from."""
    from dlings.needs import describe

    if verdict.status is not Status.SKIPPED:
        return False
    return any(describe(need) in verdict.message for need in needs if need in GPU_NEEDS)


# -- the watcher's side: a checker that sends GPU exercises through the prefix ---------------
class RemoteRouter:
    """Quacks like CheckerClient (the watcher's checker) and wraps one: every check runs there first;
    one that comes back skipped for want of a GPU is sent through `prefix` on a thread of its own, under
    the same check id, so the watcher's rules for stale verdicts hold unchanged.

    Extra events for the sink: {"event": "started", "id": ..., "via": prefix} when the check leaves,
    {"event": "unreachable", "id": ..., "message": "could not reach ..."} for a transport failure (never
    a verdict: nothing is recorded)."""

    def __init__(self, local, prefix: str):
        self.local, self.prefix = local, prefix
        self._sink: Callable[[list[dict]], None] | None = None
        self._pending: list[dict] = []
        self._lock = threading.RLock()
        self._jobs: dict[int, CheckJob] = {}                 # checks that may go through the prefix
        self._transports: dict[int, subprocess.Popen] = {}  # those on their way now
        self._generation = 0                                # +1 at each check, cancel, stop: older ones are stale
        self._stopped = False

    # CheckerClient's face
    @property
    def ready(self) -> bool:
        return self.local.ready

    @property
    def warm(self) -> bool:
        return getattr(self.local, "warm", True)

    @property
    def pid(self):
        return getattr(self.local, "pid", None)

    def start(self) -> "RemoteRouter":
        return self

    def connect(self, sink: Callable[[list[dict]], None]) -> None:
        with self._lock:
            self._sink = sink
            pending, self._pending = self._pending, []
        if pending:
            sink(pending)
        self.local.connect(self._from_local)

    def check(self, job: CheckJob) -> int:
        self._end_transports()   # a newer check: an older one on its way is stale
        with self._lock:   # held across local.check: its verdict, on another thread, waits for the entry below
            check_id = self.local.check(job)
            self._jobs.clear()   # the local checker drops the older ones too
            if needs_gpu(job.needs):
                self._jobs[check_id] = job
        return check_id

    def cancel(self) -> None:
        self._end_transports()
        self.local.cancel()

    def stop(self, *args, **kwargs) -> None:
        self._stopped = True
        self._end_transports()
        self.local.stop(*args, **kwargs)

    # events
    def _deliver(self, events: list[dict]) -> None:
        if not events:
            return
        with self._lock:
            sink = self._sink
            if sink is None:
                self._pending.extend(events)
                return
        sink(events)

    def _from_local(self, events: list[dict]) -> None:
        passed_on = []
        for event in events:
            check_id = event.get("id")
            if event.get("event") == "verdict" and isinstance(check_id, int):
                with self._lock:
                    job = self._jobs.pop(check_id, None)
                if job is not None and not self._stopped:
                    try:
                        local = Verdict.from_dict(event["verdict"])
                    except (KeyError, TypeError, ValueError):
                        local = None
                    if local is not None and goes_through_prefix(job.needs, local):
                        passed_on.append({"event": "started", "id": check_id, "via": self.prefix})
                        threading.Thread(target=self._through_prefix, args=(check_id, job),
                                         name="dlings-via", daemon=True).start()
                        continue
            elif event.get("event") == "cancelled" and isinstance(check_id, int):
                with self._lock:
                    self._jobs.pop(check_id, None)
            passed_on.append(event)
        self._deliver(passed_on)

    def _through_prefix(self, check_id: int, job: CheckJob) -> None:
        with self._lock:
            generation = self._generation

        def started(process: subprocess.Popen) -> None:
            with self._lock:
                stale = generation != self._generation
                if not stale:
                    self._transports[check_id] = process
            if stale:
                end_transport(process)

        try:
            source = Path(job.exercise_file).read_text(encoding="utf-8", errors="replace")
            remote = run_remote(self.prefix, job.name, source, job.timeout, on_start=started)
            event = {"event": "verdict", "id": check_id, "verdict": remote.verdict.to_dict()}
        except (RemoteError, OSError) as exc:
            event = {"event": "unreachable", "id": check_id, "message": str(exc)}
        with self._lock:
            self._transports.pop(check_id, None)
            stale = generation != self._generation
        if not stale:   # one we ended ourselves says nothing
            self._deliver([event])

    def _end_transports(self) -> None:
        with self._lock:
            self._generation += 1
            transports, self._transports = self._transports, {}
        for process in transports.values():
            end_transport(process)
