"""Process lifetimes: tie a process to its parent, and leave nothing running after a check.

Linux gives the tools (prctl, /proc); elsewhere these are no-ops and the
engine relies on process groups alone.
"""
from __future__ import annotations

import os
import signal
import sys
import time

# Drops the working folder from the import path ('', and any entry that is that folder: an empty
# PYTHONPATH entry arrives as its absolute path), then runs the module as __main__.
_RUN_ISOLATED = ("import os, sys, runpy; here = os.getcwd(); "
                 "sys.path[:] = [p for p in sys.path if p and os.path.abspath(p) != here]; "
                 "runpy.run_module({module!r}, run_name='__main__', alter_sys=True)")


def python_module_command(module: str) -> list[str]:
    """`python -m module`, started without the working folder on its import path.

    The checker and the pool's spares run in the learner's workspace: a learner's `numpy.py` or
    `torch.py` there must not shadow the real ones. (`python -P` does this from 3.11 on, but keeps
    an empty entry that PYTHONPATH may add; this works on every supported Python.)"""
    return [sys.executable, "-c", _RUN_ISOLATED.format(module=module)]


PR_SET_PDEATHSIG = 1
PR_SET_CHILD_SUBREAPER = 36


def _prctl(option: int, value: int) -> bool:
    try:
        import ctypes

        return ctypes.CDLL(None, use_errno=True).prctl(option, value, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def die_with_parent(signum: int = signal.SIGKILL) -> None:
    """Ask the kernel to send `signum` to this process when its parent dies."""
    _prctl(PR_SET_PDEATHSIG, signum)


def become_subreaper() -> bool:
    """Orphaned descendants (a learner's daemon, a detached Popen) become our children
    instead of init's, so `kill_orphans` can end them."""
    return _prctl(PR_SET_CHILD_SUBREAPER, 1)


def children_of(pid: int) -> list[int]:
    """Direct children of `pid` (Linux /proc; empty elsewhere)."""
    found: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            try:
                with open(f"/proc/{pid}/task/{task}/children") as handle:
                    found.extend(int(x) for x in handle.read().split())
            except OSError:
                return _children_by_scan(pid)
    except OSError:
        return []
    return found


def _children_by_scan(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    stat = handle.read()
                if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry))
            except (OSError, ValueError, IndexError):
                continue
    return found


def kill_orphans(keep: set[int] | frozenset[int] = frozenset(), rounds: int = 20) -> int:
    """SIGKILL and reap every child of this process not in `keep`, repeating while
    killing them hands us their own children. Returns how many were ended."""
    ended = 0
    me = os.getpid()
    for _ in range(rounds):
        strays = [pid for pid in children_of(me) if pid not in keep]
        if not strays:
            break
        for pid in strays:
            _kill_group_and_process(pid)
        deadline = time.monotonic() + 2.0
        for pid in strays:
            while time.monotonic() < deadline:
                try:
                    done, _ = os.waitpid(pid, os.WNOHANG)
                except ChildProcessError:
                    break
                if done:
                    break
                time.sleep(0.005)
            ended += 1
    return ended


def _kill_group_and_process(pid: int) -> None:
    for kill in (os.killpg, os.kill):
        try:
            kill(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def kill_tree(root: int) -> None:
    """SIGKILL `root` and everything below it (children first listed, then killed)."""
    pending, seen = [root], []
    while pending:
        pid = pending.pop()
        seen.append(pid)
        pending.extend(children_of(pid))
    for pid in seen:
        try:
            os.kill(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
