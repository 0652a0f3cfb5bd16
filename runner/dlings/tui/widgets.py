"""The pieces of the watch screen: title bar, verdict, live metrics."""
from __future__ import annotations

import io
from pathlib import Path

from rich.console import Group
from rich.markup import escape
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, ProgressBar, Sparkline, Static

from dlings.verdict import Status, Verdict

SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"
STATUS_STYLE = {
    Status.PASSED: "bold white on dark_green",
    Status.SKIPPED: "bold black on yellow",
    Status.FAILED: "bold white on dark_red",
}


class TitleBar(Horizontal):
    """Exercise name and path on the left; progress and the checker's state on the right."""

    def compose(self) -> ComposeResult:
        with Vertical(id="title-left"):
            yield Static(id="exercise-name")
            yield Static(id="exercise-path")
        with Vertical(id="title-right"):
            yield ProgressBar(id="progress", show_eta=False, show_percentage=False)
            yield Static(id="progress-text")
            yield Static("checker: starting…", id="checker-state")

    def show_exercise(self, name: str, track: str, position: int, total: int, path: Path, display: str) -> None:
        self.query_one("#exercise-name", Static).update(
            Text.assemble((f"{name}", "bold"), (f"   {track}  ·  {position}/{total}", "dim")))
        link = Text(display, style=f"underline link {path.resolve().as_uri()}")
        self.query_one("#exercise-path", Static).update(link)

    def show_progress(self, done: int, skipped: int, total: int) -> None:
        bar = self.query_one("#progress", ProgressBar)
        bar.update(total=max(total, 1), progress=done + skipped)
        self.query_one("#progress-text", Static).update(
            f"{done} done · {skipped} skipped · {total} in all")

    def show_checker(self, text: str) -> None:
        self.query_one("#checker-state", Static).update(text)


class VerdictView(Static):
    """The latest verdict, the hints shown so far, and what to do next."""

    frame = 0

    def render_state(self, *, verdict: Verdict | None, running_for: float | None, hints: list[str],
                     hint_total: int, note: str, solution_hint: str, welcome: str) -> None:
        parts: list = []
        if running_for is not None:
            self.frame = (self.frame + 1) % len(SPINNER)
            parts.append(Text(f"{SPINNER[self.frame]} checking… {running_for:.1f} s", style="bold cyan"))
            if verdict is not None:
                parts.append(Text("(the result below is from your previous save)", style="dim"))
        if verdict is None and running_for is None:
            parts.append(Text(welcome or "Save the exercise file to check it, or press r.", style="italic"))
        if verdict is not None:
            parts.append(self._verdict_block(verdict, solution_hint))
        if hints:
            parts.append(Text(""))
            for i, hint in enumerate(hints, 1):
                parts.append(Text.assemble((f"Hint {i}/{hint_total}: ", "bold yellow"), hint))
        if note:
            parts.append(Text(""))
            parts.append(Text.from_markup(note))
        self.shown = Group(*parts)
        self.update(self.shown)

    @property
    def plain_text(self) -> str:
        """What the view shows, as plain text (for tests and screen readers)."""
        from rich.console import Console

        console = Console(width=max(self.size.width, 80), record=True, file=io.StringIO())
        console.print(getattr(self, "shown", ""))
        return console.export_text()

    @staticmethod
    def _verdict_block(verdict: Verdict, solution_hint: str) -> Group:
        style = STATUS_STYLE.get(verdict.status, "bold white on red3")
        label = verdict.status.label.upper()
        head = Text.assemble((f" {label} ", style), f"  {verdict.duration:.2f} s" if verdict.duration else "")
        lines: list = [head, Text("")]
        if verdict.status is Status.PASSED:
            count = f"All {verdict.tests_total} checks passed. " if verdict.tests_total > 1 else ""
            lines.append(Text.from_markup(f"{escape(count)}Well done! Press [b]n[/b] for the next exercise."))
            if solution_hint:
                lines.append(Text.from_markup(solution_hint))
        elif verdict.status is Status.SKIPPED:
            lines.append(Text(f"Skipped: {verdict.message}", style="yellow"))
            lines.append(Text.from_markup("This machine cannot run it; press [b]n[/b] to go on."))
        else:
            if verdict.tests_failed and verdict.tests_total > 1:
                lines.append(Text(f"{verdict.tests_failed} of {verdict.tests_total} checks failed. The first:",
                                  style="dim"))
            lines.append(Text(verdict.message))
            lines.append(Text(""))
            lines.append(Text.from_markup("[dim]h: hint   o: full output   r: run again[/dim]"))
        return Group(*lines)


class MetricsPanel(Vertical):
    """Live training metrics sent by a check through the `report` fixture."""

    def compose(self) -> ComposeResult:
        yield Label("metrics", id="metrics-title")
        yield Static(id="metrics-values")
        yield Sparkline([], id="metrics-spark-0", summary_function=max)
        yield Sparkline([], id="metrics-spark-1", summary_function=max)

    def show(self, series: dict[str, list[float]]) -> None:
        self.display = bool(series)
        names = list(series)[:2]
        lines = []
        for i in range(2):
            spark = self.query_one(f"#metrics-spark-{i}", Sparkline)
            if i < len(names):
                spark.data = series[names[i]][-200:]
                spark.display = True
                values = series[names[i]]
                lines.append(f"{names[i]}: {values[-1]:.4g}  ({len(values)} points)")
            else:
                spark.display = False
        self.query_one("#metrics-values", Static).update("\n".join(lines))
