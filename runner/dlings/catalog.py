"""info.toml: the ordered curriculum, validated on load with line-precise errors."""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

FORMAT_VERSION = 1
KNOWN_NEEDS = {"cuda", "multi_gpu", "compiler", "network", "mps"}
DATASET_NEED = re.compile(r"^(dataset|weights):[a-z0-9_]+$")  # dataset:NAME, weights:NAME
NAME_PATTERN = re.compile(r"^[a-z0-9_]+$")
DIR_PATTERN = re.compile(r"^[0-9]{2}_[a-z0-9_]+$")
ENTRY_KEYS = {"name", "dir", "hints", "needs", "timeout", "tags", "memory_mb"}
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


def _parse_entry(entry: object, line: int) -> Exercise:
    if not isinstance(entry, dict):
        raise ValueError("an [[exercises]] entry must be a table.")
    unknown = set(entry) - ENTRY_KEYS
    if unknown:
        raise ValueError(f"unknown key(s) {', '.join(sorted(unknown))}; allowed: {', '.join(sorted(ENTRY_KEYS))}.")
    name, folder = entry.get("name"), entry.get("dir")
    if not isinstance(name, str) or not NAME_PATTERN.match(name):
        raise ValueError(f"name {name!r} must be lower-case letters, digits and '_' (e.g. name = \"tensors3\").")
    if not isinstance(folder, str) or not DIR_PATTERN.match(folder):
        raise ValueError(
            f"dir {folder!r} of '{name}' must look like \"01_tensors\" (two digits, '_', a word); "
            "no slashes or '..'."
        )
    hints = entry.get("hints", [])
    if not isinstance(hints, list) or not all(isinstance(h, str) and h.strip() for h in hints):
        raise ValueError(f"hints of '{name}' must be a list of non-empty strings.")
    needs = entry.get("needs", [])
    if not isinstance(needs, list):
        raise ValueError(f"needs of '{name}' must be a list.")
    for need in needs:
        if need not in KNOWN_NEEDS and not (isinstance(need, str) and DATASET_NEED.match(need)):
            raise ValueError(
                f"'{name}' needs {need!r}, which dlings does not know; use {sorted(KNOWN_NEEDS)} or 'dataset:NAME'."
            )
    timeout = entry.get("timeout", DEFAULT_TIMEOUT)
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not 0 < timeout <= 600:
        raise ValueError(f"timeout of '{name}' must be a number of seconds in (0, 600], not {timeout!r}.")
    memory = entry.get("memory_mb", DEFAULT_MEMORY_MB)
    if isinstance(memory, bool) or not isinstance(memory, int) or not 64 <= memory <= 65536:
        raise ValueError(f"memory_mb of '{name}' must be a whole number of MiB in [64, 65536].")
    tags = entry.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise ValueError(f"tags of '{name}' must be a list of strings.")
    return Exercise(
        name=name, dir=folder, hints=tuple(hints), needs=tuple(needs), timeout=float(timeout),
        memory_mb=memory, tags=tuple(tags), line=line,
    )
