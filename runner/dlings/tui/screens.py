"""Secondary screens: the exercise list, full output, solution, confirmation."""
from __future__ import annotations

from rich.syntax import Syntax
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, DataTable, Footer, Input, Label, Static

STATE_TEXT = {
    "done": Text("✓ done", style="green"),
    "skipped": Text("» skipped", style="yellow"),
    "pending": Text("· pending", style="dim"),
    "current": Text("▶ current", style="bold cyan"),
}


class ConfirmScreen(ModalScreen[bool]):
    BINDINGS = [Binding("y", "answer(True)", "Yes"), Binding("n,escape", "answer(False)", "No")]

    def __init__(self, question: str):
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Label(self.question, id="confirm-question")
            with Horizontal(id="confirm-buttons"):
                yield Button("Yes (y)", variant="error", id="yes")
                yield Button("No (n)", variant="primary", id="no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class TextScreen(Screen):
    """A scrollable page: the full pytest output, or a revealed solution."""

    BINDINGS = [Binding("escape,q,o,s", "app.pop_screen", "Back")]

    def __init__(self, title: str, body: str, python: bool = False):
        super().__init__()
        self.title_text, self.body, self.python = title, body, python

    def compose(self) -> ComposeResult:
        yield Label(self.title_text, id="page-title")
        with VerticalScroll(id="page-body"):
            if self.python:
                yield Static(Syntax(self.body, "python", line_numbers=True, word_wrap=True))
            else:
                yield Static(Text(self.body or "(no output)"))
        yield Footer()


class ListScreen(Screen[str | None]):
    """Every exercise with its state; type to filter, Enter to jump."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Back", priority=True),  # the filter box would swallow it
        Binding("enter", "jump", "Jump to", show=True),
        Binding("x", "reset_selected", "Reset"),
        Binding("c", "continue", "Continue at first pending"),
    ]

    def __init__(self, session):
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        done, skipped, total = self.session.progress.counts(self.session.catalog)
        yield Label(f"Exercises: {done} done, {skipped} skipped, {total} in all", id="page-title")
        yield Input(placeholder="type to filter by name, track or tag…", id="filter")
        yield DataTable(id="exercise-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("#", "exercise", "track", "state")
        self.refill("")
        self.query_one(Input).focus()

    def refill(self, text: str) -> None:
        table = self.query_one(DataTable)
        table.clear()
        words = text.lower().split()
        progress = self.session.progress
        current_row = 0
        for i, ex in enumerate(self.session.catalog, 1):
            haystack = f"{ex.name} {ex.dir} {' '.join(ex.tags)}".lower()
            if not all(w in haystack for w in words):
                continue
            state = progress.state_of(ex.name)
            if ex.name == progress.current and state == "pending":
                state = "current"
            if ex.name == progress.current:
                current_row = table.row_count
            label = STATE_TEXT[state]
            if state == "done" and ex.name in progress.ran_on:
                label = label + Text(f" on {progress.ran_on[ex.name]}", style="dim")
            table.add_row(str(i), ex.name, ex.dir, label, key=ex.name)
        if table.row_count:
            table.move_cursor(row=current_row)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.refill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_jump()

    def on_key(self, event) -> None:
        """Down/Tab from the filter goes to the table (where x and c act); typing in the table filters."""
        filter_box, table = self.query_one(Input), self.query_one(DataTable)
        if self.focused is filter_box and event.key in ("down", "tab"):
            table.focus()
            event.stop()
        elif self.focused is table and event.is_printable and event.character and event.key not in ("x", "c"):
            filter_box.focus()
            filter_box.insert_text_at_cursor(event.character)
            event.stop()

    def _selected(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return row_key.value

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.dismiss(event.row_key.value)

    def action_jump(self) -> None:
        name = self._selected()
        if name:
            self.dismiss(name)

    def action_continue(self) -> None:
        name = self.session.progress.first_pending(self.session.catalog)
        self.dismiss(name or self.session.progress.current)

    def action_reset_selected(self) -> None:
        name = self._selected()
        if not name:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.app.main.reset_exercise(name)  # type: ignore[attr-defined]
                self.refill(self.query_one(Input).value)

        self.app.push_screen(ConfirmScreen(f"Reset {name} to the original? Your version is backed up first."),
                             answered)
