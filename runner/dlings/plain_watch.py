"""`dlings watch --plain`: the watcher as plain lines, for dumb terminals and screen readers.

Checks run in this process (warm engine, forked children); file events come
from the watcher thread and typed commands from a stdin thread, both through
one queue, so checks run one at a time on the main thread.
"""
from __future__ import annotations

import queue
import sys
import threading
import time
from pathlib import Path

import click

from dlings.curves import Run
from dlings.engine import make_engine
from dlings.session import Session
from dlings.watcher import ExerciseWatcher

HELP = "Commands: Enter or r = run again, h = hint, n = next, l = list, q = quit."
PROGRESS_EVERY = 5.0   # seconds between progress lines of a long training check


def _live_report(run: Run):
    """Callbacks for Engine.run that collect a training check's reports and print a line now and then."""
    last = {"printed": time.monotonic()}

    def tick() -> None:
        now = time.monotonic()
        if now - last["printed"] < PROGRESS_EVERY:
            return
        last["printed"] = now
        values = ", ".join(f"{name} {curve.last:.4g}" for name, curve in run.curves.items() if curve.values)
        click.echo(f"   … {run.progress_line()}" + (f"; {values}" if values else ""))

    def on_metric(metric: str, value: float, step) -> None:
        run.add_metric(metric, value, step)
        tick()

    def on_event(event: dict) -> None:
        run.apply(event)
        tick()

    return {"on_metric": on_metric, "on_event": on_event}


def run_plain(session: Session, manual: bool = False, via: str | None = None) -> int:
    """`via`: a command prefix (dlings.remote) for the exercises this machine skips for want of a GPU."""
    from dlings.cli import print_verdict
    from dlings.remote import RemoteError, goes_through_prefix, run_remote

    events: queue.Queue[tuple[str, str]] = queue.Queue()
    click.echo(session.catalog.welcome_message.strip() if not session.progress.done else "dlings: welcome back.")
    click.echo("Loading torch…")
    engine = make_engine(reap_orphans=True)
    engine.prepare()
    watcher = None
    if not manual:
        watcher = ExerciseWatcher(session.workspace.root / "exercises", lambda p: events.put(("saved", str(p))))
        if watcher.start() == "off":
            click.echo("File events are not available here: type r and Enter after saving.")

    def read_stdin() -> None:
        for line in sys.stdin:
            events.put(("command", line.strip().lower()))
        events.put(("command", "q"))

    threading.Thread(target=read_stdin, daemon=True).start()

    def check() -> None:
        ex = session.current
        click.echo(f"\n== {ex.name}  ({session.workspace.display_path(ex)})")
        run = Run()
        verdict = session.missing_file_verdict(ex) or engine.run(session.job(ex), **_live_report(run))
        if via and goes_through_prefix(ex.needs, verdict):
            click.echo(f"   checking through {via}…")
            try:
                source = session.workspace.exercise_file(ex).read_text(encoding="utf-8", errors="replace")
                verdict = run_remote(via, ex.name, source, ex.timeout).verdict
            except (RemoteError, OSError) as exc:   # the transport's failure, never the exercise's
                click.echo(click.style("dlings: ", fg="yellow", bold=True) + str(exc))
                click.echo("Your exercise was not judged; save again or press Enter to retry.")
                return
        run.end()
        run.fill_from(verdict.metrics)
        print_verdict(verdict, session.workspace.display_path(ex))
        for line in run.summary_lines():
            click.echo(f"   {line}")
        session.record(verdict)  # after printing: a failed save costs the save, not the verdict
        done, skipped, total = session.progress.counts(session.catalog)
        click.echo(f"[{done} done, {skipped} skipped, {total} in all] {HELP}")

    def attempt(action, *args):
        try:
            return action(*args)
        except (KeyboardInterrupt, SystemExit):
            raise
        except Exception as exc:  # noqa: BLE001 - one failed command must not end the watcher
            click.echo(click.style("dlings: ", fg="red", bold=True) + f"{type(exc).__name__}: {exc}", err=True)
            return None

    def command(value: str) -> bool:
        """Handle one typed command; True to quit."""
        if value in ("", "r"):
            check()
        elif value == "h":
            shown = session.hint(session.current)
            click.echo(f"Hint {shown[0] + 1}/{len(session.current.hints)}: {shown[1]}" if shown
                       else "No more hints.")
        elif value == "n":
            if session.progress.state_of(session.current.name) == "pending":
                click.echo("Pass this exercise first.")
                return False
            nxt = session.advance()
            if nxt is None:
                click.echo(session.catalog.final_message.strip())
                return True
            check()
        elif value == "l":
            for ex in session.catalog:
                click.echo(f"  {session.progress.state_of(ex.name):<8} {ex.name}")
        elif value == "q":
            return True
        else:
            click.echo(HELP)
        return False

    try:
        attempt(check)
        while True:
            kind, value = events.get()
            if kind == "saved":
                if Path(value) == session.workspace.exercise_file(session.current).resolve():  # full paths
                    attempt(check)
                continue
            if attempt(command, value):
                return 0
    except KeyboardInterrupt:
        return 130
    finally:
        if watcher:
            watcher.stop()
        engine.close()
        attempt(session.save)
