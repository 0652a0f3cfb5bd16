"""`dlings watch --plain`: the watcher as plain lines, for dumb terminals and screen readers.

Checks run in this process (warm engine, forked children); file events come
from the watcher thread and typed commands from a stdin thread, both through
one queue, so checks run one at a time on the main thread.
"""
from __future__ import annotations

import queue
import sys
import threading
from pathlib import Path

import click

from dlings.engine import make_engine
from dlings.session import Session
from dlings.watcher import ExerciseWatcher

HELP = "Commands: Enter or r = run again, h = hint, n = next, l = list, q = quit."


def run_plain(session: Session, manual: bool = False) -> int:
    from dlings.cli import print_verdict

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
        verdict = session.judge(ex, engine)
        print_verdict(verdict, session.workspace.display_path(ex))
        done, skipped, total = session.progress.counts(session.catalog)
        click.echo(f"[{done} done, {skipped} skipped, {total} in all] {HELP}")

    try:
        check()
        while True:
            kind, value = events.get()
            if kind == "saved":
                if Path(value) == session.workspace.exercise_file(session.current).resolve():
                    check()
                continue
            if value in ("", "r"):
                check()
            elif value == "h":
                shown = session.hint(session.current)
                click.echo(f"Hint {shown[0] + 1}/{len(session.current.hints)}: {shown[1]}" if shown
                           else "No more hints.")
            elif value == "n":
                if session.progress.state_of(session.current.name) == "pending":
                    click.echo("Pass this exercise first.")
                    continue
                nxt = session.advance()
                if nxt is None:
                    click.echo(session.catalog.final_message.strip())
                    return 0
                check()
            elif value == "l":
                for ex in session.catalog:
                    click.echo(f"  {session.progress.state_of(ex.name):<8} {ex.name}")
            elif value == "q":
                return 0
            else:
                click.echo(HELP)
    except KeyboardInterrupt:
        return 130
    finally:
        if watcher:
            watcher.stop()
        engine.close()
        session.save()
