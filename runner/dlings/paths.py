"""Where the curriculum and the learner's workspace live."""
from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
WORKSPACE_MARKER = ".dlings"


def curriculum_root() -> Path:
    """The folder holding info.toml, exercises/, checks/ and solutions/.

    DLINGS_CURRICULUM overrides; a built wheel carries a copy in the package;
    a source checkout is the repository root, two levels above runner/dlings/.
    """
    override = os.environ.get("DLINGS_CURRICULUM")
    if override:
        return Path(override).resolve()
    shipped = PACKAGE_DIR / "curriculum"
    if (shipped / "info.toml").is_file():
        return shipped
    return PACKAGE_DIR.parent.parent


def find_workspace(start: Path | None = None) -> Path | None:
    """The nearest folder at or above `start` that holds a `.dlings` folder."""
    override = os.environ.get("DLINGS_WORKSPACE")
    if override:
        path = Path(override).resolve()
        return path if (path / WORKSPACE_MARKER).is_dir() else None
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / WORKSPACE_MARKER).is_dir():
            return folder
    return None
