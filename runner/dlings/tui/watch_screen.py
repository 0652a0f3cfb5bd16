"""The main view of `dlings watch`: the current exercise, its verdict, its task, its training curves.

Everything arrives here as a message (dlings.tui.messages): saves from the
file watcher's thread, events from the checker's reader thread, and the
learner's keys as actions. Each handler runs in this screen's message pump
and is `guarded`: an exception becomes a line on the screen and a
notification (with the traceback in .dlings/watch-errors.log), and the next
message is handled as usual. A verdict is always shown before progress is
saved, so a state file that cannot be written costs the save, not the verdict.

What the widgets show follows this screen's reactives (exercise, verdict,
checking_since, checker_state, show_task, notes); the watch_ methods and
data bindings do the drawing.
"""
from __future__ import annotations

import ast
import functools
import subprocess
import threading
import time
import traceback
from collections import deque
from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen

from dlings.curves import Run
from dlings.tui import messages as m
from dlings.tui.training import TrainingPanel
from dlings.tui.widgets import CheckingLine, KeyBar, TaskPanel, TitleBar, VerdictView
from dlings.verdict import Verdict

if TYPE_CHECKING:
    from dlings.tui.app import DlingsApp
    from dlings.watcher import ExerciseWatcher

ERROR_LOG = "watch-errors.log"


def guarded(what: str):
    """Run a handler so that any exception is shown in the UI instead of ending the app."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self: "WatchScreen", *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except Exception as exc:  # noqa: BLE001 - the point: nothing a handler does may end the app
                self.failed(what, exc)
            finally:
                self.take_warnings()
        return wrapper

    return decorate


class EditorClosed(m.Message):
    def __init__(self, returncode: int | None, check: bool) -> None:
        super().__init__()
        self.returncode, self.check = returncode, check


def task_text(session, ex) -> str:
    """The exercise's docstring: from the original file (what to do does not change as the learner edits)."""
    for path in (session.catalog.exercise_path(ex), session.workspace.exercise_file(ex)):
        try:
            doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        except (OSError, SyntaxError, ValueError, UnicodeDecodeError):
            continue
        if doc:
            return doc
    return ""


PROGRESS_POLL_SECONDS = 1.0


class WatchScreen(Screen):
    BINDINGS = [
        Binding("n", "next", "Next"),
        Binding("h", "hint", "Hint"),
        Binding("d", "task", "Task"),
        Binding("e", "edit", "Edit"),
        Binding("l", "list", "List"),
        Binding("r", "rerun", "Run"),
        Binding("x", "reset", "Reset"),
        Binding("s", "solution", "Solution"),
        Binding("o", "output", "Output"),
        Binding("y", "copy_path", "Copy path", show=False),
    ]

    exercise: reactive[str] = reactive("", init=False)
    verdict: reactive[Verdict | None] = reactive(None)
    checking_since: reactive[float | None] = reactive(None)
    checker_state: reactive[str] = reactive("checker: warming up torch…")
    show_task: reactive[bool] = reactive(False)
    notes: reactive[tuple[str, ...]] = reactive(())

    def __init__(self) -> None:
        super().__init__()
        self.check_id: int | None = None
        self.run: Run | None = None
        self.previous_run: Run | None = None
        self.watcher: ExerciseWatcher | None = None
        self._in_flight_content: bytes | None = None
        self._mode_note = ""
        self._final_note = ""
        self._problems: deque[str] = deque(maxlen=3)
        self._exercise_paths: dict[Path, str] | None = None

    # -- shortcuts ---------------------------------------------------------------------------
    @property
    def dapp(self) -> "DlingsApp":
        return cast("DlingsApp", self.app)

    @property
    def session(self):
        return self.dapp.session

    @property
    def checker(self):
        return self.dapp.checker

    @property
    def current(self):
        return self.session.current

    # -- layout ------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield TitleBar(id="title").data_bind(checker=WatchScreen.checker_state)
        with Horizontal(id="main"):
            with VerticalScroll(id="verdict-scroll"):
                yield TaskPanel(id="task")
                yield CheckingLine(id="checking").data_bind(running_since=WatchScreen.checking_since)
                yield VerdictView(id="verdict").data_bind(
                    WatchScreen.verdict, WatchScreen.notes, running_since=WatchScreen.checking_since)
            yield TrainingPanel(id="training")
        keys = [(b.key, b.description, f"screen.{b.action}") for b in self.BINDINGS
                if isinstance(b, Binding) and b.show]
        yield KeyBar(keys + [("q", "Quit", "app.quit")], id="keys")

    def on_mount(self) -> None:
        self.query_one(TrainingPanel).display = False
        self.query_one(TaskPanel).display = False
        self.exercise = self.current.name
        self.dapp.first_paint_at = time.perf_counter()
        self.call_after_refresh(self._start_up)

    @guarded("start watching")
    def _start_up(self) -> None:
        app = self.dapp
        checker = self.checker
        if checker.ready:
            self.checker_state = self._ready_text()
        checker.connect(self._from_checker)
        if app.watch_files:
            from dlings.watcher import ExerciseWatcher

            def saved(path: Path) -> None:
                self.post_message(m.FileSaved(path))

            self.watcher = ExerciseWatcher(self.session.workspace.root / "exercises", saved)
            mode = self.watcher.start()
            if mode == "polling":
                self._mode_note = "[yellow]No file events here: checking files by polling (a little slower).[/]"
            elif mode == "off":
                self._mode_note = "[yellow]Files cannot be watched here: press r to check after saving.[/]"
        elif app.manual:
            self._mode_note = "[dim]Manual mode: press r to check after you save.[/]"
        if app.edit_cmd_to_remember:
            self._persist("remember the editor command", app.remember_edit_cmd)
        self._set_notes()
        self.set_interval(PROGRESS_POLL_SECONDS, self._pick_up_progress)
        self.request_check()

    @guarded("read progress saved by another dlings")
    def _pick_up_progress(self) -> None:
        """`dlings run` or `dlings hint` in another terminal: show what they changed."""
        if not self.session.refresh():
            return
        if self.current.name != self.exercise:
            self.exercise = self.current.name  # passed elsewhere and moved on: follow
            self.request_check()
        else:
            self.sync()

    def on_unmount(self) -> None:
        self.stop_watching()

    def stop_watching(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()
            self.watcher = None

    def _from_checker(self, events: list[dict]) -> None:
        """Called on the checker client's reader thread: only posts (thread-safe)."""
        for message in m.from_checker(events):
            self.post_message(message)

    # -- failures and warnings ---------------------------------------------------------------
    def failed(self, what: str, exc: BaseException) -> None:
        """Show a failure of one action; the app goes on."""
        text = f"Could not {what}: {type(exc).__name__}: {exc}"
        where = self._log_failure(what, exc)
        self._problems.append(f"[red]{_escape(text)}[/]" + (f"\n[dim]Details: {_escape(where)}[/]" if where else ""))
        try:
            self._set_notes()
            self.app.notify(text, severity="error", timeout=10)
        except Exception:  # noqa: BLE001 - never fail while reporting a failure
            pass

    def _log_failure(self, what: str, exc: BaseException) -> str:
        try:
            path = self.session.workspace.root / ".dlings" / ERROR_LOG
            with open(path, "a", encoding="utf-8") as log:
                log.write(f"--- {time.strftime('%Y-%m-%d %H:%M:%S')} could not {what}\n")
                log.write("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
            return str(path.relative_to(self.session.workspace.root))
        except Exception:  # noqa: BLE001
            return ""

    def _persist(self, what: str, action, *args) -> None:
        """Run a save that may fail (state, settings) without stopping what called it."""
        try:
            action(*args)
        except Exception as exc:  # noqa: BLE001
            self.failed(what, exc)

    def take_warnings(self) -> None:
        """Warnings from the state file and the settings go on screen (never to stderr under the UI)."""
        try:
            sources = [self.session.progress.warnings, self.dapp.settings.warnings]
        except Exception:  # noqa: BLE001
            return
        fresh = [w for source in sources for w in source]
        for source in sources:
            source.clear()
        if fresh:
            for warning in fresh:
                self._problems.append(f"[yellow]{_escape(warning)}[/]")
            self._set_notes()

    def _set_notes(self) -> None:
        self.notes = tuple(n for n in (self._final_note, self._mode_note, *self._problems) if n)

    # -- what is shown -----------------------------------------------------------------------
    def watch_exercise(self, name: str) -> None:
        """A new current exercise: its title, task, hints; no verdict or curves yet."""
        ex = self.session.catalog.get(name)
        self.verdict = None
        self.run = self.previous_run = None
        panel = self.query_one(TrainingPanel)
        panel.previous = None
        panel.run = None
        self._final_note = ""
        self.query_one(TaskPanel).doc = task_text(self.session, ex)
        settings = self.dapp.settings
        if ex.name not in settings.task_seen:
            settings.task_seen.add(ex.name)
            self.show_task = True
            self._persist("remember the task panel", settings.save)
        self.sync()

    def watch_show_task(self, show: bool) -> None:
        self.query_one(TaskPanel).display = show

    def watch_verdict(self, verdict: Verdict | None) -> None:
        self.query_one(CheckingLine).has_verdict = verdict is not None

    def watch_checking_since(self, since: float | None) -> None:
        if since is not None:
            self.checker_state = "checker: checking…"
        elif self.checker.ready:
            self.checker_state = self._ready_text()

    def _ready_text(self) -> str:
        if not getattr(self.checker, "warm", True):
            return "checker: ready  (warming up the rest)"
        return "checker: ready" + ("  (manual: r)" if self.dapp.manual else "  (watching saves)")

    def sync(self) -> None:
        """Set the title, hints and counts from the session (after anything that changes progress)."""
        session, ex = self.session, self.current
        catalog, progress = session.catalog, session.progress
        self.query_one(TitleBar).exercise = (
            ex.name, ex.dir, catalog.index(ex.name) + 1, len(catalog),
            str(session.workspace.exercise_file(ex)), session.workspace.display_path(ex))
        self.query_one(TitleBar).counts = progress.counts(catalog)
        view = self.query_one(VerdictView)
        seen = max(0, min(progress.hints_seen.get(ex.name, 0), len(ex.hints)))
        view.hints = tuple(ex.hints[:seen])
        view.hint_total = len(ex.hints)
        view.welcome = "" if progress.done else catalog.welcome_message.strip()
        view.solution_hint = ""
        if self.verdict is not None and self.verdict.passed:
            path = session.workspace.solution_file(ex).relative_to(session.workspace.root)
            view.solution_hint = f"The reference solution is in [b]{path}[/b] (s shows it)."

    # -- checks ------------------------------------------------------------------------------
    @guarded("handle a saved file")
    def on_file_saved(self, message: m.FileSaved) -> None:
        target = self.session.workspace.exercise_file(self.current).resolve()
        if message.path == target:
            self.request_check("save")
            return
        if self._exercise_paths is None:
            workspace = self.session.workspace
            self._exercise_paths = {workspace.exercise_file(ex).resolve(): ex.name for ex in self.session.catalog}
        other = self._exercise_paths.get(message.path)
        if other is not None:
            self.app.notify(f"You saved {other}, but the current exercise is {self.current.name}. "
                            "Press l to switch.", severity="warning")

    @guarded("start the check")
    def request_check(self, trigger: str = "key") -> None:
        """Check the current exercise now; `trigger` "save" skips a save of what is being checked already."""
        session, ex = self.session, self.current
        missing = session.missing_file_verdict(ex)
        if missing is not None:
            if self.check_id is not None:
                self.checker.cancel()
            self.check_id = self.checking_since = self._in_flight_content = None
            self.show_verdict(missing)
            return
        try:
            content = session.workspace.exercise_file(ex).read_bytes()
        except OSError:
            content = None
        if trigger == "save" and self.check_id is not None and content == self._in_flight_content:
            return
        self._in_flight_content = content
        self._new_run()
        self.query_one(CheckingLine).via = ""
        self.check_id = self.checker.check(session.job(ex))
        self.checking_since = time.monotonic()

    @guarded("follow the check")
    def on_check_started(self, message: m.CheckStarted) -> None:
        if message.check_id != self.check_id or not message.via:
            return
        # skipped here for want of a GPU: on its way to the machine the learner named (dlings.remote)
        self.query_one(CheckingLine).via = message.via
        self.checker_state = f"checker: checking through {message.via}…"

    @guarded("follow the check")
    def on_check_unreachable(self, message: m.CheckUnreachable) -> None:
        """The other machine could not be reached: said so, nothing recorded, the last verdict stays."""
        if message.check_id != self.check_id:
            return
        self.check_id = self._in_flight_content = None
        if self.run is not None:
            self.run.end()
        self.checking_since = None
        self._problems.append(f"[yellow]{_escape(message.text)}[/]\n[dim]Your exercise was not judged; "
                              "save again or press r to retry.[/]")
        self._set_notes()
        self.app.notify(message.text, severity="warning", timeout=10)

    def _new_run(self) -> None:
        if self.run is not None and self.run.ended is not None and self.run.curves:
            self.previous_run = self.run
        self.run = Run()
        panel = self.query_one(TrainingPanel)
        panel.previous = self.previous_run
        panel.run = self.run

    @guarded("draw the training curves")
    def on_training_reported(self, message: m.TrainingReported) -> None:
        if message.check_id != self.check_id or self.run is None:
            return
        for event in message.events:
            self.run.apply(event)
        self.query_one(TrainingPanel).points_came()

    @guarded("show the verdict")
    def on_verdict_arrived(self, message: m.VerdictArrived) -> None:
        if message.check_id != self.check_id:
            return  # an answer to an older request: stale
        self.check_id = None
        self._in_flight_content = None
        if self.run is not None:
            self.run.end()
            self.run.fill_from(message.verdict.metrics)
            self.query_one(TrainingPanel).points_came(now=True)
        self.checking_since = None
        self.show_verdict(message.verdict)

    def show_verdict(self, verdict: Verdict) -> None:
        if verdict.name != self.current.name:
            return
        self.verdict = verdict  # drawn first; progress is saved after the screen is refreshed
        self.session.note(verdict)  # in memory: the counts, the solution line and `n` see it in this frame
        self.sync()
        self.call_after_refresh(self._record, verdict)

    @guarded("record the verdict")
    def _record(self, verdict: Verdict) -> None:
        """Move progress on from a verdict (a failed save costs the save, not the verdict).

        The verdict is recorded even when the learner moved to another exercise before this ran
        (one frame after it was drawn): a pass that was shown must not be lost.
        """
        self._persist("save your progress", self.session.record, verdict)
        if verdict.name != self.current.name:
            return
        if verdict.lets_learner_go_on and self.session.progress.finished(self.session.catalog):
            self._final_note = self._final_text()
            self._set_notes()

    def _final_text(self) -> str:
        done, skipped, total = self.session.progress.counts(self.session.catalog)
        return (f"[b green]{_escape(self.session.catalog.final_message.strip())}[/]\n\n"
                f"{done} done, {skipped} skipped of {total}. `dlings list` shows them all.")

    @guarded("follow the checker")
    def on_checker_ready(self, message: m.CheckerReady) -> None:
        if self.checking_since is None:
            self.checker_state = self._ready_text()

    @guarded("follow the checker")
    def on_checker_warm(self, message: m.CheckerWarm) -> None:
        if self.checking_since is None:
            self.checker_state = self._ready_text()

    @guarded("follow the checker")
    def on_checker_restarted(self, message: m.CheckerRestarted) -> None:
        self.checker_state = "checker: restarting…"
        if message.hung:
            return  # the check's own verdict says what happened
        text = f"[yellow]The checker process stopped (exit code {message.code}) and is being restarted.[/]"
        tail = [line for line in message.stderr.strip().splitlines() if line.strip()][-4:]
        if tail:
            text += "\n[dim]Its last words:[/]\n" + _escape("\n".join(tail))
        self._problems.append(text)
        self._set_notes()

    @guarded("follow the checker")
    def on_checker_problem(self, message: m.CheckerProblem) -> None:
        self._problems.append(f"[yellow]{_escape(message.text)}[/]")
        self._set_notes()

    # -- actions -----------------------------------------------------------------------------
    @guarded("go to the next exercise")
    def action_next(self) -> None:
        ex = self.current
        if not (self.verdict and self.verdict.lets_learner_go_on) and \
                self.session.progress.state_of(ex.name) == "pending":
            self.app.notify("Pass this exercise first (or press l to pick another).", severity="warning")
            return
        progress = self.session.progress
        nxt = progress.first_pending(self.session.catalog, after=progress.current)
        if nxt is None:
            self._final_note = self._final_text()
            self._set_notes()
            return
        self.go_to(nxt)

    @guarded("switch exercises")
    def go_to(self, name: str) -> None:
        self._persist("save your progress", self.session.set_current, name)
        self.session.progress.current = name
        self._problems.clear()
        self._set_notes()
        self.exercise = name
        self.request_check()

    @guarded("show a hint")
    def action_hint(self) -> None:
        ex = self.current
        progress = self.session.progress
        if progress.hints_seen.get(ex.name, 0) < 0:  # a damaged state file; count from the first hint
            progress.hints_seen[ex.name] = 0
        if progress.next_hint(ex.name, len(ex.hints)) is None:
            self.app.notify("No more hints for this exercise." if ex.hints else "This exercise has no hints.")
            return
        self.sync()  # shown first; a failed save below costs the save, not the hint
        self._persist("save your progress", self.session.save)

    @guarded("toggle the task panel")
    def action_task(self) -> None:
        self.show_task = not self.show_task

    @guarded("run the check")
    def action_rerun(self) -> None:
        self.request_check()

    @guarded("open your editor")
    def action_edit(self) -> None:
        from dlings.tui.editor import EditorError, editor_command

        ex = self.current
        path = self.session.workspace.exercise_file(ex)
        line = None
        if self.verdict is not None and self.verdict.location.startswith(self.session.workspace.display_path(ex)):
            tail = self.verdict.location.rsplit(":", 1)[-1]
            line = int(tail) if tail.isdigit() else None
        try:
            command = editor_command(path, line, self.dapp.settings.edit_cmd)
        except EditorError as exc:
            self.app.notify(str(exc), severity="warning", timeout=10)
            return
        if command.in_terminal and not self.app.is_headless:
            with self.app.suspend():
                subprocess.run(command.argv)
            self.request_check("editor")
            return
        process = subprocess.Popen(command.argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, start_new_session=True)
        self.app.notify(f"Opened {path.name} with {command.program}.")

        def wait() -> None:
            self.post_message(EditorClosed(process.wait(), check=command.in_terminal))

        threading.Thread(target=wait, name="dlings-editor", daemon=True).start()

    @guarded("check after editing")
    def on_editor_closed(self, message: EditorClosed) -> None:
        if message.check:
            self.request_check("editor")

    @guarded("reset the exercise")
    def action_reset(self) -> None:
        from dlings.tui.screens import ConfirmScreen

        name = self.current.name

        def answered(yes: bool | None) -> None:
            if yes:
                self.reset_exercise(name)

        self.app.push_screen(ConfirmScreen(f"Reset {name} to the original? Your version is backed up first."),
                             answered)

    @guarded("reset the exercise")
    def reset_exercise(self, name: str) -> None:
        ex = self.session.catalog.get(name)
        backup = self.session.reset([ex], ex.name)
        where = f" Your version is in {backup.relative_to(self.session.workspace.root)}." if backup else ""
        self.app.notify(f"{name} restored to the original.{where}", timeout=6)
        if name == self.current.name:
            self.verdict = None
            self.request_check()
        self.sync()

    @guarded("show the solution")
    def action_solution(self) -> None:
        from dlings.tui.screens import TextScreen

        ex = self.current
        if self.session.progress.state_of(ex.name) != "done":
            self.app.notify("The solution opens once you pass this exercise.", severity="warning")
            return
        path = self.session.workspace.reveal_solution(ex)
        self.app.push_screen(TextScreen(f"Reference solution: {path.relative_to(self.session.workspace.root)}",
                                        path.read_text(encoding="utf-8"), python=True))

    @guarded("show the output")
    def action_output(self) -> None:
        from dlings.tui.screens import TextScreen

        body = self.verdict.output if self.verdict else "No check has finished yet."
        self.app.push_screen(TextScreen(f"Full output of the last check ({self.current.name})", body))

    @guarded("open the list")
    def action_list(self) -> None:
        from dlings.tui.screens import ListScreen

        def chosen(name: str | None) -> None:
            if name and name != self.current.name:
                self.go_to(name)

        self.app.push_screen(ListScreen(self.session), chosen)

    @guarded("copy the path")
    def action_copy_path(self) -> None:
        path = str(self.session.workspace.exercise_file(self.current))
        self.app.copy_to_clipboard(path)
        self.app.notify(f"Copied {path}")


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)
