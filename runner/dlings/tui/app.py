"""`dlings watch`: the Textual app that checks each save and keeps the learner moving.

The app is thin: it holds the session, the checker client and the watch
settings, and shows the main view, WatchScreen (dlings.tui.watch_screen),
where file events, checker events and keys are handled as messages. The UI
never runs a check itself: the checker process does (dlings.worker), started
before the UI is built so torch loads while the first screen is drawn.

Exit status: 0 when the learner quits, 1 when the app itself crashed (a bug
in dlings: Textual prints the traceback). Failures of single actions are
shown on screen and never end the app.
"""
from __future__ import annotations

import sys
import time

from textual.app import App, SystemCommand
from textual.binding import Binding

from dlings.session import Session
from dlings.tui.settings import WatchSettings
from dlings.tui.watch_screen import WatchScreen
from dlings.worker_client import CheckerClient


class DlingsApp(App):
    CSS_PATH = "dlings.tcss"
    TITLE = "dlings"
    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(self, session: Session, manual: bool = False, checker=None, watch: bool = True,
                 edit_cmd: str | None = None, settings: WatchSettings | None = None, via: str | None = None):
        super().__init__()
        self.started_at = time.perf_counter()
        self.first_paint_at: float | None = None
        self.session = session
        self.manual = manual
        self.watch_files = watch and not manual
        self.checker = checker if checker is not None else CheckerClient().start()
        self.via = via
        if via:   # GPU exercises this machine skips go through the prefix (dlings.remote)
            from dlings.remote import RemoteRouter

            self.checker = RemoteRouter(self.checker, via)
        self.settings = settings or WatchSettings.load(session.workspace.root)
        self.edit_cmd_to_remember = edit_cmd
        self.exit_messages: list[str] = []
        self._shut_down = False

    def get_default_screen(self) -> WatchScreen:
        return WatchScreen()

    @property
    def main(self) -> WatchScreen:
        """The main view (the bottom of the screen stack)."""
        return self.screen_stack[0]  # type: ignore[return-value]

    def remember_edit_cmd(self) -> None:
        self.settings.edit_cmd = self.edit_cmd_to_remember
        self.edit_cmd_to_remember = None
        self.settings.save()

    async def action_quit(self) -> None:
        self.shutdown()
        self.exit()

    def on_unmount(self) -> None:
        self.shutdown()

    def shutdown(self) -> None:
        """Stop the file watcher and the checker, and save progress; failures are told after the UI is gone."""
        if self._shut_down:
            return
        self._shut_down = True
        try:
            if self.screen_stack:
                self.main.stop_watching()
        except Exception:  # noqa: BLE001
            pass
        self.checker.stop()
        try:
            self.session.save()
        except Exception as exc:  # noqa: BLE001
            self.exit_messages.append(f"dlings: your latest progress could not be saved: {exc}")

    def get_system_commands(self, screen):
        yield from super().get_system_commands(screen)
        main = self.main
        for title, help_text, action in [
            ("Next exercise", "Go on after a pass or a skip", main.action_next),
            ("Hint", "Show one more hint", main.action_hint),
            ("Task", "Show or hide what the exercise asks", main.action_task),
            ("Edit", "Open the exercise in your editor", main.action_edit),
            ("Exercise list", "Every exercise; filter and jump", main.action_list),
            ("Run the check", "Check the current file now", main.action_rerun),
            ("Reset exercise", "Restore the original file (backed up first)", main.action_reset),
            ("Show solution", "The reference solution, once passed", main.action_solution),
            ("Full output", "The last check's complete pytest output", main.action_output),
            ("Copy exercise path", "Put the file's path on the clipboard", main.action_copy_path),
        ]:
            yield SystemCommand(title, help_text, action)


def run_app(session: Session, manual: bool = False, checker=None, edit_cmd: str | None = None,
            via: str | None = None) -> int:
    """Run the watcher; returns the exit status (non-zero only if the app itself crashed)."""
    app = DlingsApp(session, manual=manual, checker=checker, edit_cmd=edit_cmd, via=via)
    try:
        app.run()
    finally:
        app.shutdown()
    for message in app.exit_messages:
        print(message, file=sys.stderr)
    return app.return_code or 0
