"""`dlings watch`: the Textual app that checks each save and keeps the learner moving.

The UI never runs a check itself: a warm worker process does (see
dlings.worker). File events arrive on a watchdog thread and are handed to the
event loop; a new save cancels the check in flight, and verdicts for anything
but the latest request are dropped, so a stale verdict is never shown.
"""
from __future__ import annotations

import time
from pathlib import Path

from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer

from dlings.session import Session
from dlings.tui.screens import ConfirmScreen, ListScreen, TextScreen
from dlings.tui.widgets import MetricsPanel, TitleBar, VerdictView
from dlings.verdict import Verdict
from dlings.watcher import ExerciseWatcher
from dlings.worker_client import WorkerClient


class DlingsApp(App):
    CSS_PATH = "dlings.tcss"
    TITLE = "dlings"
    BINDINGS = [
        Binding("n", "next", "Next"),
        Binding("h", "hint", "Hint"),
        Binding("l", "list", "List"),
        Binding("r", "rerun", "Run"),
        Binding("x", "reset", "Reset"),
        Binding("s", "solution", "Solution"),
        Binding("o", "output", "Output"),
        Binding("y", "copy_path", "Copy path", show=False),
        Binding("q", "quit", "Quit"),
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(self, session: Session, manual: bool = False, worker: WorkerClient | None = None,
                 watch: bool = True):
        super().__init__()
        self.session = session
        self.manual = manual
        self.watch_files = watch and not manual
        self.worker = worker or WorkerClient(self.on_worker_event)
        self.watcher: ExerciseWatcher | None = None
        self.verdict: Verdict | None = None
        self.check_id: int | None = None
        self.check_started: float | None = None
        self.pending_check = False
        self.metrics: dict[str, list[float]] = {}
        self.note = ""
        self.started_at = time.perf_counter()
        self.first_paint: float | None = None

    # -- layout ------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield TitleBar(id="title")
        with Horizontal(id="main"):
            with VerticalScroll(id="verdict-scroll"):
                yield VerdictView(id="verdict")
            yield MetricsPanel(id="metrics")
        yield Footer()

    async def on_mount(self) -> None:
        self.query_one(MetricsPanel).display = False
        self.refresh_all()
        self.first_paint = time.perf_counter() - self.started_at
        self.set_interval(0.1, self._tick)
        await self.worker.start()
        if self.watch_files:
            self.watcher = ExerciseWatcher(self.session.workspace.root / "exercises", self._file_changed)
            mode = self.watcher.start()
            if mode == "polling":
                self.note = "[yellow]No file events here: checking files by polling (a little slower).[/]"
            elif mode == "off":
                self.note = "[yellow]Files cannot be watched here: press r to check after saving.[/]"
        elif self.manual:
            self.note = "[dim]Manual mode: press r to check after you save.[/]"
        for warning in self.session.progress.warnings:
            self.note += f"\n[yellow]{warning}[/]"
        self.session.progress.warnings.clear()
        self.refresh_all()
        self.request_check()

    async def on_unmount(self) -> None:
        await self.shutdown()

    async def shutdown(self) -> None:
        if self.watcher:
            self.watcher.stop()
            self.watcher = None
        await self.worker.stop()
        self.session.save()

    # -- what is shown ---------------------------------------------------------------------
    @property
    def exercise(self):
        return self.session.current

    def refresh_all(self) -> None:
        ex, catalog, progress = self.exercise, self.session.catalog, self.session.progress
        title = self.query_one(TitleBar)
        title.show_exercise(ex.name, ex.dir, catalog.index(ex.name) + 1, len(catalog),
                            self.session.workspace.exercise_file(ex), self.session.workspace.display_path(ex))
        title.show_progress(*progress.counts(catalog))
        if not self.worker.ready:
            title.show_checker("checker: warming up torch…")
        elif self.check_started is not None:
            title.show_checker("checker: checking…")
        else:
            title.show_checker("checker: ready" + ("  (manual: r)" if self.manual else "  (watching saves)"))
        self.render_verdict()
        self.query_one(MetricsPanel).show(self.metrics)

    def render_verdict(self) -> None:
        ex = self.exercise
        hints_seen = self.session.progress.hints_seen.get(ex.name, 0)
        solution_hint = ""
        if self.verdict is not None and self.verdict.passed:
            path = self.session.workspace.solution_file(ex)
            solution_hint = f"The reference solution is in [b]{path.relative_to(self.session.workspace.root)}[/b] (s shows it)."
        welcome = ""
        if not self.session.progress.done and not self.verdict:
            welcome = self.session.catalog.welcome_message.strip()
        running = time.perf_counter() - self.check_started if self.check_started is not None else None
        self.query_one(VerdictView).render_state(
            verdict=self.verdict, running_for=running, hints=list(ex.hints[:hints_seen]), hint_total=len(ex.hints),
            note=self.note, solution_hint=solution_hint, welcome=welcome)

    def _tick(self) -> None:
        if self.check_started is not None:
            self.render_verdict()

    # -- checks ----------------------------------------------------------------------------
    def _file_changed(self, path: Path) -> None:
        """Called on the watcher's thread."""
        try:
            target = self.session.workspace.exercise_file(self.exercise).resolve()
        except OSError:
            return
        if path == target:
            self.call_from_thread(self.request_check)
        elif path.suffix == ".py" and path.stem in self.session.catalog:
            self.call_from_thread(
                self.notify, f"You saved {path.name}, but the current exercise is {self.exercise.name}. "
                "Press l to switch.", severity="warning")

    def request_check(self) -> None:
        self.run_worker(self._send_check(), exclusive=False, group="checks")

    async def _send_check(self) -> None:
        ex = self.exercise
        missing = self.session.missing_file_verdict(ex)
        if missing is not None:
            if self.check_id is not None:
                await self.worker.cancel()
            self.check_id = self.check_started = None
            self.show_verdict(missing)
            return
        self.metrics = {}
        self.check_started = time.perf_counter()
        self.check_id = await self.worker.check(self.session.job(ex))
        self.refresh_all()

    async def on_worker_event(self, event: dict) -> None:
        kind = event.get("event")
        if kind == "ready":
            self.refresh_all()
        elif kind == "metric" and event.get("id") == self.check_id:
            self.metrics.setdefault(event["metric"], []).append(event["value"])
            self.query_one(MetricsPanel).show(self.metrics)
        elif kind == "verdict" and event.get("id") == self.check_id:
            verdict = Verdict.from_dict(event["verdict"])
            self.check_id = self.check_started = None
            if verdict.metrics and not self.metrics:
                self.metrics = verdict.metrics
            self.show_verdict(verdict)
        elif kind == "restarted":
            from rich.markup import escape

            last = (event.get("stderr") or "").strip().splitlines()[-1:] or [f"exit code {event.get('code')}"]
            if event.get("gave_up"):
                self.note = f"[red]The checker process cannot start: {escape(last[0])}[/] (quit and see `dlings doctor`)"
            else:
                self.note = f"[yellow]The checker process stopped and was restarted: {escape(last[0])}[/]"
            self.refresh_all()

    def show_verdict(self, verdict: Verdict) -> None:
        if verdict.name != self.exercise.name:
            return
        self.verdict = verdict
        self.session.record(verdict)
        if verdict.lets_learner_go_on and self.session.progress.finished(self.session.catalog):
            self.note = self._final_note()
        self.refresh_all()

    def _final_note(self) -> str:
        done, skipped, total = self.session.progress.counts(self.session.catalog)
        return (f"[b green]{self.session.catalog.final_message.strip()}[/]\n\n"
                f"{done} done, {skipped} skipped of {total}. `dlings list` shows them all.")

    # -- actions ---------------------------------------------------------------------------
    def action_next(self) -> None:
        ex = self.exercise
        if not (self.verdict and self.verdict.lets_learner_go_on) and self.session.progress.state_of(ex.name) == "pending":
            self.notify("Pass this exercise first (or press l to pick another).", severity="warning")
            return
        nxt = self.session.advance()
        if nxt is None:
            self.note = self._final_note()
            self.refresh_all()
            return
        self.go_to(nxt)

    def go_to(self, name: str) -> None:
        self.session.set_current(name)
        self.verdict = None
        self.metrics = {}
        self.note = ""
        self.refresh_all()
        self.request_check()

    def action_hint(self) -> None:
        shown = self.session.hint(self.exercise)
        if shown is None:
            self.notify("No more hints for this exercise." if self.exercise.hints else "This exercise has no hints.")
        self.render_verdict()

    def action_rerun(self) -> None:
        self.request_check()

    def action_reset(self) -> None:
        name = self.exercise.name

        def answered(yes: bool | None) -> None:
            if yes:
                self.reset_exercise(name)

        self.push_screen(ConfirmScreen(f"Reset {name} to the original? Your version is backed up first."), answered)

    def reset_exercise(self, name: str) -> None:
        ex = self.session.catalog.get(name)
        backup = self.session.reset([ex], ex.name)
        where = f" Your version is in {backup.relative_to(self.session.workspace.root)}." if backup else ""
        self.notify(f"{name} restored to the original.{where}", timeout=6)
        if name == self.exercise.name:
            self.verdict = None
            self.request_check()
        self.refresh_all()

    def action_solution(self) -> None:
        ex = self.exercise
        if self.session.progress.state_of(ex.name) != "done":
            self.notify("The solution opens once you pass this exercise.", severity="warning")
            return
        path = self.session.workspace.reveal_solution(ex)
        self.push_screen(TextScreen(f"Reference solution: {path.relative_to(self.session.workspace.root)}",
                                    path.read_text(encoding="utf-8"), python=True))

    def action_output(self) -> None:
        body = self.verdict.output if self.verdict else "No check has finished yet."
        self.push_screen(TextScreen(f"Full output of the last check ({self.exercise.name})", body))

    def action_list(self) -> None:
        def chosen(name: str | None) -> None:
            if name and name != self.exercise.name:
                self.go_to(name)

        self.push_screen(ListScreen(self.session), chosen)

    def action_copy_path(self) -> None:
        path = str(self.session.workspace.exercise_file(self.exercise))
        self.copy_to_clipboard(path)
        self.notify(f"Copied {path}")

    def get_system_commands(self, screen):
        yield from super().get_system_commands(screen)
        for title, help_text, action in [
            ("Next exercise", "Go on after a pass or a skip", self.action_next),
            ("Hint", "Show one more hint", self.action_hint),
            ("Exercise list", "Every exercise; filter and jump", self.action_list),
            ("Run the check", "Check the current file now", self.action_rerun),
            ("Reset exercise", "Restore the original file (backed up first)", self.action_reset),
            ("Show solution", "The reference solution, once passed", self.action_solution),
            ("Full output", "The last check's complete pytest output", self.action_output),
            ("Copy exercise path", "Put the file's path on the clipboard", self.action_copy_path),
        ]:
            yield SystemCommand(title, help_text, action)


def run_app(session: Session, manual: bool = False) -> None:
    app = DlingsApp(session, manual=manual)
    try:
        app.run()
    finally:
        session.save()
