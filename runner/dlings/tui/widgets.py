"""The pieces of the watch screen: title bar, task panel, verdict. Each draws from its reactives."""
from __future__ import annotations

import io
import re
import time
from pathlib import Path

from rich.console import Console, Group
from rich.markup import escape
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from dlings.verdict import Status, Verdict

SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"
STATUS_STYLE = {
    Status.PASSED: "bold white on dark_green",
    Status.SKIPPED: "bold black on yellow",
    Status.FAILED: "bold white on dark_red",
}


def plain(renderable, width: int = 100) -> str:
    """A renderable as plain text (for tests and screen readers)."""
    console = Console(width=max(width, 80), record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def progress_bar(done: int, total: int, width: int) -> Text:
    """A one-line bar: the done part bright, the rest dim (one Static instead of a ProgressBar's widgets)."""
    filled = round(width * done / total) if total > 0 else 0
    return Text.assemble(("━" * filled, "bold green"), ("━" * (width - filled), "grey30"))


class TitleBar(Horizontal):
    """Exercise name and path on the left; progress and the checker's state on the right."""

    exercise: reactive[tuple | None] = reactive(None)   # (name, track, position, total, path, display)
    counts: reactive[tuple[int, int, int]] = reactive((0, 0, 0))
    checker: reactive[str] = reactive("checker: starting…")

    def compose(self) -> ComposeResult:
        with Vertical(id="title-left"):
            yield Static(id="exercise-name")
            yield Static(id="exercise-path")
        with Vertical(id="title-right"):
            yield Static(id="progress")
            yield Static(id="progress-text")
            yield Static(id="checker-state")

    def watch_exercise(self, exercise: tuple | None) -> None:
        if exercise is None:
            return
        name, track, position, total, path, display = exercise
        self.query_one("#exercise-name", Static).update(
            Text.assemble((f"{name}", "bold"), (f"   {track}  ·  {position}/{total}", "dim")))
        self.query_one("#exercise-path", Static).update(
            Text(display, style=f"underline link {Path(path).resolve().as_uri()}"))

    def watch_counts(self, counts: tuple[int, int, int]) -> None:
        done, skipped, total = counts
        self.query_one("#progress", Static).update(progress_bar(done + skipped, total, 42))
        self.query_one("#progress-text", Static).update(f"{done} done · {skipped} skipped · {total} in all")

    def watch_checker(self, text: str) -> None:
        self.query_one("#checker-state", Static).update(text)


_CODE = re.compile(r"`([^`]+)`")
_KEEP_LINE = re.compile(r"^(\s|[-*•]\s|\d+[.)]\s|[A-Z][\w ]{0,20}:)")


def reflow(doc: str) -> str:
    """Join a docstring's wrapped lines into paragraphs (the panel wraps them at its own width);
    indented lines, list items and "Read:"-style lines keep their own line."""
    out: list[str] = []
    for line in doc.strip().splitlines():
        if out and out[-1] and line.strip() and not _KEEP_LINE.match(line) and not out[-1].endswith(":") \
                and not out[-1].startswith((" ", "\t")):
            out[-1] += " " + line.strip()
        else:
            out.append(line.rstrip())
    return "\n".join(out)


class KeyBar(Static):
    """The keys of the main screen on one line, clickable: a lighter stand-in for Textual's Footer
    (which builds a widget per key, a third of the cost of the first frame)."""

    DEFAULT_CSS = """
    KeyBar { dock: bottom; height: 1; background: $panel; color: $text-muted; }
    """

    def __init__(self, keys: list[tuple[str, str, str]], **kwargs) -> None:
        parts = [f"[b $accent]{escape(key)}[/] [@click={action}]{escape(label)}[/]" for key, label, action in keys]
        parts.append("[b $accent]^p[/] [@click=app.command_palette]palette[/]")
        super().__init__(" " + "  ".join(parts), **kwargs)


class TaskPanel(Static):
    """The exercise's docstring: what to do, beside the verdict (toggle with d)."""

    doc: reactive[str] = reactive("", layout=True)

    def watch_doc(self, doc: str) -> None:
        text = Text()
        for i, part in enumerate(_CODE.split(reflow(doc) or "This exercise has no description.")):
            text.append(part, style="bold cyan" if i % 2 else "")
        self.update(text)
        self.border_title = "Task (d hides)"


class CheckingLine(Widget):
    """"⠋ checking… 1.2 s" while a check runs: redrawn ten times a second on its own, so the
    verdict below is not re-rendered for every spinner frame."""

    DEFAULT_CSS = "CheckingLine { height: auto; }"

    running_since: reactive[float | None] = reactive(None, layout=True)
    has_verdict: reactive[bool] = reactive(False, layout=True)
    via: reactive[str] = reactive("")   # the prefix, while the check runs on another machine

    def watch_running_since(self, since: float | None) -> None:
        self.display = since is not None
        self.auto_refresh = 0.1 if since is not None else None

    def render(self):
        since = self.running_since
        if since is None:
            return Text("")
        elapsed = max(0.0, time.monotonic() - since)
        frame = SPINNER[int(elapsed * 10) % len(SPINNER)]
        where = f" through {self.via}" if self.via else ""
        line = Text(f"{frame} checking{where}… {elapsed:.1f} s", style="bold cyan")
        if self.has_verdict:
            line.append("\n(the result below is from your previous save)", style="dim")
        return line


class VerdictView(Widget):
    """The latest verdict, the hints shown so far, notes, and what to do next."""

    DEFAULT_CSS = "VerdictView { height: auto; }"

    verdict: reactive[Verdict | None] = reactive(None, layout=True)
    running_since: reactive[float | None] = reactive(None, layout=True)  # only whether one runs matters
    hints: reactive[tuple[str, ...]] = reactive((), layout=True)
    hint_total: reactive[int] = reactive(0)
    notes: reactive[tuple[str, ...]] = reactive((), layout=True)
    solution_hint: reactive[str] = reactive("", layout=True)
    welcome: reactive[str] = reactive("", layout=True)

    def render(self):
        return self.renderable()

    def renderable(self) -> Group:
        parts: list = []
        verdict = self.verdict
        if verdict is None and self.running_since is None:
            parts.append(Text(self.welcome or "Save the exercise file to check it, or press r.", style="italic"))
        if verdict is not None:
            parts.append(self._verdict_block(verdict, self.solution_hint))
        if self.hints:
            parts.append(Text(""))
            for i, hint in enumerate(self.hints, 1):
                parts.append(Text.assemble((f"Hint {i}/{self.hint_total}: ", "bold yellow"), hint))
        for note in self.notes:
            parts.append(Text(""))
            try:
                parts.append(Text.from_markup(note))
            except Exception:  # noqa: BLE001 - a note is never worth a crash
                parts.append(Text(note))
        return Group(*parts)

    @property
    def plain_text(self) -> str:
        """What the view shows, as plain text (for tests and screen readers)."""
        return plain(self.renderable(), self.size.width)

    @staticmethod
    def _verdict_block(verdict: Verdict, solution_hint: str) -> Group:
        style = STATUS_STYLE.get(verdict.status, "bold white on red3")
        label = verdict.status.label.upper()
        head = Text.assemble((f" {label} ", style), f"  {verdict.duration:.2f} s" if verdict.duration else "")
        if verdict.ran_on:   # judged on another machine (--via): say which, as `dlings run --via` does
            head.append(f"  {verdict.status.label} on {verdict.ran_on}", style="bold")
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
            lines.append(Text.from_markup("[dim]h: hint   o: full output   r: run again   e: edit[/dim]"))
        return Group(*lines)
