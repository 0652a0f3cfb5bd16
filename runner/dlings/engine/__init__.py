"""The check engine: runs one exercise's check in a limited, isolated process.

    engine = make_engine()        # fork on Linux, pool on macOS and Windows (DLINGS_ENGINE overrides)
    verdict = engine.run(job)     # a CheckJob in, a Verdict out; never raises for learner code

- `core`: what both engines share: CheckJob, warm_up, supervision (time and
  memory limits, killing the process tree), turning how a process ended into
  a Verdict, restoring guarded files;
- `fork`: each check is a forked child of this warm process;
- `pool`: each check goes to a spare interpreter warmed in advance (`spare`);
- `child`: what runs inside the check process (limits, pytest, the result file);
- `processes`: parent-death signals, the child subreaper, killing a tree;
- `tamper`: the import-time guard on torch, numpy, pytest and dlings.
"""
from __future__ import annotations

from dlings.engine.core import POLL_SECONDS, CheckJob, Engine, remove_stale_temp_dirs, warm_up, warm_up_steps

__all__ = ["POLL_SECONDS", "CheckJob", "Engine", "engine_choice", "make_engine", "remove_stale_temp_dirs", "warm_up",
           "warm_up_steps"]


def engine_choice() -> tuple[str, str]:
    from dlings.engine.pool import default_engine_name

    return default_engine_name()


def make_engine(reap_orphans: bool = False, name: str | None = None, spares: int = 1) -> Engine:
    """The engine for this platform (or `name`: "fork" or "pool")."""
    name = name or engine_choice()[0]
    if name == "pool":
        from dlings.engine.pool import PoolEngine

        return PoolEngine(reap_orphans=reap_orphans, spares=spares)
    from dlings.engine.fork import ForkEngine

    return ForkEngine(reap_orphans=reap_orphans)
