"""info.toml: the ordered curriculum, validated on load with line-precise errors."""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from dlings.needs import WEIGHTS

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

FORMAT_VERSION = 1
KNOWN_NEEDS = {"cuda", "multi_gpu", "compiler", "network", "mps"}
DATASET_NEED = re.compile(r"^(dataset|weights):[a-z0-9_]+$")  # dataset:NAME, weights:NAME
NAME_PATTERN = re.compile(r"^[a-z0-9_]+$")
DIR_PATTERN = re.compile(r"^[0-9]{2}_[a-z0-9_]+$")
DEFAULT_TIMEOUT = 10.0
DEFAULT_MEMORY_MB = 3072


class CatalogError(Exception):
    """info.toml is unusable; the message names the file, the line and the fix."""


@dataclass(frozen=True)
class Exercise:
    name: str
    dir: str
    hints: tuple[str, ...]
    needs: tuple[str, ...] = ()
    timeout: float = DEFAULT_TIMEOUT
    memory_mb: int = DEFAULT_MEMORY_MB
    tags: tuple[str, ...] = ()
    line: int = 0

    @property
    def relpath(self) -> str:
        return f"{self.dir}/{self.name}.py"

    @property
    def check_relpath(self) -> str:
        return f"{self.dir}/test_{self.name}.py"


@dataclass
class Catalog:
    root: Path
    exercises: list[Exercise]
    welcome_message: str = ""
    final_message: str = ""
    _index: dict[str, int] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._index = {ex.name: i for i, ex in enumerate(self.exercises)}

    def __len__(self) -> int:
        return len(self.exercises)

    def __iter__(self):
        return iter(self.exercises)

    def __contains__(self, name: str) -> bool:
        return name in self._index

    def get(self, name: str) -> Exercise:
        try:
            return self.exercises[self._index[name]]
        except KeyError:
            raise KeyError(unknown_name_message(name, self)) from None

    def index(self, name: str) -> int:
        return self._index[name]

    def exercise_path(self, ex: Exercise) -> Path:
        return self.root / "exercises" / ex.relpath

    def check_path(self, ex: Exercise) -> Path:
        return self.root / "checks" / ex.check_relpath

    def solution_path(self, ex: Exercise) -> Path:
        return self.root / "solutions" / ex.relpath

    def mistake_paths(self, ex: Exercise) -> list[Path]:
        return sorted((self.root / "checks" / ex.dir / "mistakes").glob(f"{ex.name}__*.py"))

    def tracks(self) -> list[str]:
        return list(dict.fromkeys(ex.dir for ex in self.exercises))


def unknown_name_message(name: str, catalog: Catalog) -> str:
    import difflib

    close = difflib.get_close_matches(name, list(catalog._index), n=3, cutoff=0.6)
    tip = f" Did you mean {', '.join(close)}?" if close else " `dlings list` shows every name."
    return f"There is no exercise called '{name}'.{tip}"


def _entry_lines(text: str) -> list[int]:
    """Line number (1-based) of each [[exercises]] header, in order."""
    return [i + 1 for i, line in enumerate(text.splitlines())
            if re.match(r"^\s*\[\[\s*exercises\s*\]\]", line)]


def load_catalog(root: Path, check_files: bool = True) -> Catalog:
    info = root / "info.toml"
    where = str(info)
    try:
        text = info.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CatalogError(f"{where}: not found. The curriculum folder must hold info.toml.") from None
    except OSError as exc:
        raise CatalogError(f"{where}: cannot be read ({exc.strerror}).") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogError(f"{where}: not valid TOML: {exc}. Fix the syntax on that line.") from None

    version = data.get("format_version")
    if version != FORMAT_VERSION:
        raise CatalogError(
            f"{where}:1: format_version is {version!r}; this dlings reads format_version = {FORMAT_VERSION}."
        )
    raw = data.get("exercises")
    if not isinstance(raw, list) or not raw:
        raise CatalogError(f"{where}: no [[exercises]] tables. Add at least one exercise.")

    lines = _entry_lines(text)
    exercises: list[Exercise] = []
    seen: dict[str, int] = {}
    problems: list[str] = []
    for i, entry in enumerate(raw):
        line = lines[i] if i < len(lines) else 0
        at = f"{where}:{line}"
        try:
            ex = _parse_entry(entry, line)
        except ValueError as exc:
            problems.append(f"{at}: {exc}")
            continue
        if ex.name in seen:
            problems.append(
                f"{at}: the name '{ex.name}' is already used at line {seen[ex.name]}. Names must be unique."
            )
            continue
        seen[ex.name] = line
        if check_files:
            for tree, rel in (("exercises", ex.relpath), ("checks", ex.check_relpath), ("solutions", ex.relpath)):
                if not (root / tree / rel).is_file():
                    problems.append(f"{at}: '{ex.name}' has no {tree}/{rel}. Create it or fix `dir`/`name`.")
        exercises.append(ex)
    if problems:
        raise CatalogError("\n".join(problems))
    return Catalog(
        root=root,
        exercises=exercises,
        welcome_message=str(data.get("welcome_message", "")),
        final_message=str(data.get("final_message", "")),
    )


# -- the schema of an [[exercises]] entry: defined once, used by the parser and by docs/AUTHORING.md --
@dataclass(frozen=True)
class EntryField:
    """One key of an [[exercises]] table: what it holds (one line for authors) and how it is checked.

    `check(value, name)` returns the value as Exercise stores it, or raises ValueError with a message
    that names the exercise and the fix."""

    key: str
    kind: str                                   # the TOML type, as authors read it
    default: object                             # None: required
    doc: str
    check: Callable[[object, str], object]

    @property
    def required(self) -> bool:
        return self.default is None


def _check_name(value, name):
    if not isinstance(value, str) or not NAME_PATTERN.match(value):
        raise ValueError(f"name {value!r} must be lower-case letters, digits and '_' (e.g. name = \"tensors3\").")
    return value


def _check_dir(value, name):
    if not isinstance(value, str) or not DIR_PATTERN.match(value):
        raise ValueError(f"dir {value!r} of '{name}' must look like \"01_tensors\" (two digits, '_', a word); "
                         "no slashes or '..'.")
    return value


def _check_hints(value, name):
    if not isinstance(value, list) or not all(isinstance(h, str) and h.strip() for h in value):
        raise ValueError(f"hints of '{name}' must be a list of non-empty strings.")
    return tuple(value)


def _check_needs(value, name):
    if not isinstance(value, list):
        raise ValueError(f"needs of '{name}' must be a list.")
    for need in value:
        if need not in KNOWN_NEEDS and not (isinstance(need, str) and DATASET_NEED.match(need)):
            raise ValueError(
                f"'{name}' needs {need!r}, which dlings does not know; use {sorted(KNOWN_NEEDS)}, 'dataset:NAME' or 'weights:NAME'."
            )
        if isinstance(need, str) and need.startswith("weights:") and need.split(":", 1)[1] not in WEIGHTS:
            raise ValueError(f"'{name}' needs {need!r}: dlings knows the weights {sorted(WEIGHTS)} "
                             "(add a name to dlings.needs.WEIGHTS).")
    return tuple(value)


def _check_timeout(value, name):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 600:
        raise ValueError(f"timeout of '{name}' must be a number of seconds in (0, 600], not {value!r}.")
    return float(value)


def _check_memory(value, name):
    if isinstance(value, bool) or not isinstance(value, int) or not 64 <= value <= 65536:
        raise ValueError(f"memory_mb of '{name}' must be a whole number of MiB in [64, 65536].")
    return value


def _check_tags(value, name):
    if not isinstance(value, list) or not all(isinstance(t, str) for t in value):
        raise ValueError(f"tags of '{name}' must be a list of strings.")
    return tuple(value)


ENTRY_FIELDS: tuple[EntryField, ...] = (
    EntryField("name", "string", None,
               "unique across the curriculum, `[a-z0-9_]+`; the command-line name and the file name",
               _check_name),
    EntryField("dir", "string", None,
               "the track folder, `NN_word` (e.g. `01_tensors`): `exercises/<dir>/<name>.py`, "
               "`checks/<dir>/test_<name>.py`, `solutions/<dir>/<name>.py`", _check_dir),
    EntryField("hints", "list of strings", [],
               "2-3 non-empty hints, shown one at a time: gentle, closer, nearly the answer", _check_hints),
    EntryField("needs", "list of strings", [],
               "hardware or data the check cannot run without: " + ", ".join(f"`{n}`" for n in sorted(KNOWN_NEEDS))
               + ", `dataset:NAME`, `weights:NAME` (torchvision weights in torch's cache); missing ones make the exercise skipped, not failed", _check_needs),
    EntryField("timeout", "number", DEFAULT_TIMEOUT,
               "seconds the check may take, in (0, 600]; the solution passes in at most half of it on 2 cores",
               _check_timeout),
    EntryField("memory_mb", "integer", DEFAULT_MEMORY_MB,
               "the check process's memory limit in MiB, in [64, 65536]", _check_memory),
    EntryField("tags", "list of strings", [],
               "words the exercise list's filter matches besides the name and track", _check_tags),
)
ENTRY_KEYS = {f.key for f in ENTRY_FIELDS}


def field_table() -> str:
    """The schema as the Markdown table docs/AUTHORING.md shows (a test keeps the two the same)."""
    rows = ["| key | type | default | what |", "| --- | --- | --- | --- |"]
    for f in ENTRY_FIELDS:
        default = "required" if f.required else (f"`{f.default!r}`" if f.default != [] else "`[]`")
        rows.append(f"| `{f.key}` | {f.kind} | {default} | {f.doc} |")
    return "\n".join(rows)


def _parse_entry(entry: object, line: int) -> Exercise:
    if not isinstance(entry, dict):
        raise ValueError("an [[exercises]] entry must be a table.")
    unknown = set(entry) - ENTRY_KEYS
    if unknown:
        raise ValueError(f"unknown key(s) {', '.join(sorted(unknown))}; allowed: {', '.join(sorted(ENTRY_KEYS))}.")
    values: dict[str, object] = {}
    name = entry.get("name")
    for f in ENTRY_FIELDS:   # name first: the other messages name the exercise
        value = entry.get(f.key, f.default)
        values[f.key] = f.check(value, name if isinstance(name, str) else "?")
    return Exercise(line=line, **values)  # type: ignore[arg-type]
