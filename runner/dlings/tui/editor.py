"""The `e` key: which editor command opens the current exercise, and whether it needs the terminal.

The command comes from `dlings watch --edit-cmd` (remembered in the
workspace), else `$VISUAL`, else `$EDITOR`. `{path}` and `{line}` in it are
replaced (the path is appended when there is no `{path}`). Editors that open
their own window are started beside the watcher; any other command is taken
to be a terminal editor, and the watcher steps aside (suspends) until it ends.
"""
from __future__ import annotations

import os
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

WINDOWED = {
    "code", "code-insiders", "codium", "cursor", "windsurf", "subl", "sublime_text", "zed", "gedit",
    "gnome-text-editor", "kate", "kwrite", "mousepad", "xed", "pluma", "geany", "gvim", "mvim", "idea",
    "pycharm", "pycharm.sh", "charm", "fleet", "atom", "mate", "bbedit", "open", "xdg-open", "notepad++",
}


@dataclass
class EditorCommand:
    argv: list[str]
    in_terminal: bool     # True: suspend the watcher and wait; False: start it beside the watcher

    @property
    def program(self) -> str:
        return os.path.basename(self.argv[0]) if self.argv else ""


class EditorError(Exception):
    """No usable editor command; the message says how to set one."""


def editor_command(path: Path, line: int | None = None, edit_cmd: str | None = None,
                   env: Mapping[str, str] | None = None) -> EditorCommand:
    env = os.environ if env is None else env
    template = edit_cmd or env.get("VISUAL") or env.get("EDITOR")
    if not template or not template.strip():
        raise EditorError("No editor is set. Set $EDITOR (for example `export EDITOR=nano`), or start "
                          "`dlings watch --edit-cmd \"code -g {path}:{line}\"` once (it is remembered).")
    try:
        words = shlex.split(template)
    except ValueError as exc:
        raise EditorError(f"The editor command {template!r} cannot be read: {exc}.") from None
    if not words:
        raise EditorError("The editor command is empty.")
    values = {"path": str(path), "line": str(line or 1)}
    has_path = any("{path}" in word for word in words)
    argv = [word.replace("{path}", values["path"]).replace("{line}", values["line"]) for word in words]
    if not has_path:
        argv.append(str(path))
    program = os.path.basename(argv[0])
    return EditorCommand(argv, in_terminal=program not in WINDOWED)
