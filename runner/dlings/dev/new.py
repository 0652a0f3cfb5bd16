"""`dlings dev new NAME --track DIR`: scaffold an exercise (the four files and its info.toml entry).

The scaffold is deliberately unfinished: every placeholder carries SCAFFOLD_MARKER, the solution
raises NotImplementedError and there are no mistake files yet, so `dlings dev check` reports the
exercise as incomplete until its author has filled every part in.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from dlings.catalog import DIR_PATTERN, NAME_PATTERN

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

SCAFFOLD_MARKER = "dlings-scaffold"

_HEADER = re.compile(r"^\s*\[\[\s*exercises\s*\]\]\s*(#.*)?$")
_TRACK_COMMENT = re.compile(r"^#\s*=+\s*(\S+)\s*=+\s*$")
_PLACEHOLDER = re.compile(r"^#\s*\(entries of .* go here.*\)\s*$")


class DevNewError(Exception):
    """The scaffold cannot be made; the message says why and what to do."""


@dataclass
class Scaffold:
    name: str
    track: str
    files: list[Path] = field(default_factory=list)
    info_line: int = 0


def _exercise_text(name: str) -> str:
    return f'''"""{name}: {SCAFFOLD_MARKER}: what this exercise teaches, in a few words.

{SCAFFOLD_MARKER}: say what to do in 2-8 lines: the GOAL (not the code), the
concept, and, wherever two readings are possible, which one counts (shapes,
dtypes, boundaries, what happens to the inputs).

Read: {SCAFFOLD_MARKER}: the torch docs to read
"""
import torch


def compute(x: torch.Tensor) -> torch.Tensor:
    # TODO: {SCAFFOLD_MARKER}: what the learner writes here
    ...


if __name__ == "__main__":
    print(compute(torch.arange(6.0).reshape(2, 3)))
'''


def _solution_text(name: str) -> str:
    text = _exercise_text(name)
    return text.replace(f"    # TODO: {SCAFFOLD_MARKER}: what the learner writes here\n    ...\n",
                        f'    raise NotImplementedError("{SCAFFOLD_MARKER}: the reference solution")\n')


def _check_text(name: str) -> str:
    return f'''"""The check of {name}. {SCAFFOLD_MARKER}: walk the checklist in docs/AUTHORING.md
("Checks that generalise"): size-one shapes and higher ranks, non-default arguments, stated
boundaries, non-finite inputs, meta/float64, distractors, stated rules, leaking state. Then write at
least three mistake files in checks/<dir>/mistakes/{name}__<what_is_wrong>.py.
"""
import torch

from dlings.testing import edge_shapes, expect_close, expect_meta_call


def reference(x):
    return x * 2  # {SCAFFOLD_MARKER}: the right answer, written independently of the solution


def test_values(exercise):
    torch.manual_seed(0)
    for shape in edge_shapes(2):
        x = torch.randn(shape)
        expect_close(exercise.compute(x.clone()), reference(x), what=f"compute(x) for x of shape {{shape}}",
                     mistakes={{"{SCAFFOLD_MARKER}: the likely cause": x + 2}})


def test_follows_the_input_device(exercise):
    expect_meta_call(exercise.compute, (3, 4), reference=reference, what="compute(x)")
'''


def _entry_text(name: str, track: str) -> str:
    return (f'[[exercises]]\nname = "{name}"\ndir = "{track}"\nhints = [\n'
            f'    "{SCAFFOLD_MARKER}: a gentle hint",\n'
            f'    "{SCAFFOLD_MARKER}: a closer one",\n'
            f'    "{SCAFFOLD_MARKER}: nearly the answer",\n]\ntags = []\n')


def _insert_entry(text: str, name: str, track: str) -> tuple[str, int]:
    """info.toml with the new entry at the end of `track`'s entries; and its header's line (1-based)."""
    lines = text.splitlines()
    data = tomllib.loads(text)
    dirs = [entry.get("dir") for entry in data.get("exercises", [])]
    headers = [i for i, line in enumerate(lines) if _HEADER.match(line)]
    entry = _entry_text(name, track).rstrip("\n").split("\n")

    def end_of_entry(start: int) -> int:
        """Index just past the entry starting at `start` (trailing blank lines excluded)."""
        stop = len(lines)
        for i in range(start + 1, len(lines)):
            if _HEADER.match(lines[i]) or _TRACK_COMMENT.match(lines[i]):
                stop = i
                break
        while stop > start + 1 and not lines[stop - 1].strip():
            stop -= 1
        return stop

    ours = [h for h, d in zip(headers, dirs) if d == track]
    if ours:
        at = end_of_entry(ours[-1])
        new = lines[:at] + [""] + entry + lines[at:]
        first = at + 1
    else:
        comment = next((i for i, line in enumerate(lines)
                        if (m := _TRACK_COMMENT.match(line)) and m.group(1) == track), None)
        if comment is None:
            while lines and not lines[-1].strip():
                lines.pop()
            new = lines + ["", f"# ==== {track} ====", ""] + entry
            first = len(lines) + 3
        else:
            after = comment + 1
            if after < len(lines) and _PLACEHOLDER.match(lines[after]):
                del lines[after]
            new = lines[:after] + [""] + entry + lines[after:]
            first = after + 1
    return "\n".join(new) + "\n", first + 1


def dev_new(root: Path, name: str, track: str) -> Scaffold:
    """Write the scaffold of exercise `name` in track `track` under the curriculum `root`."""
    if not NAME_PATTERN.match(name):
        raise DevNewError(f"'{name}' is not a valid exercise name: use lowercase letters, digits and _ only.")
    if not DIR_PATTERN.match(track):
        raise DevNewError(f"'{track}' is not a track folder name: it looks like NN_topic, e.g. 12_losses.")
    info = root / "info.toml"
    try:
        text = info.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except FileNotFoundError:
        raise DevNewError(f"{info}: not found. Run `dlings dev new` in the curriculum folder (or pass --root).") \
            from None
    except tomllib.TOMLDecodeError as exc:
        raise DevNewError(f"{info}: not valid TOML ({exc}); fix it first.") from None
    names = {entry.get("name") for entry in data.get("exercises", [])}
    if name in names:
        raise DevNewError(f"info.toml already has an exercise called '{name}': names are unique.")
    files = {
        root / "exercises" / track / f"{name}.py": _exercise_text(name),
        root / "solutions" / track / f"{name}.py": _solution_text(name),
        root / "checks" / track / f"test_{name}.py": _check_text(name),
    }
    existing = [str(p.relative_to(root)) for p in files if p.exists()]
    if existing:
        raise DevNewError(f"{', '.join(existing)} already exist{'s' if len(existing) == 1 else ''}; "
                          "dev new never overwrites a file.")
    new_text, line = _insert_entry(text, name, track)
    for path, body in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    (root / "checks" / track / "mistakes").mkdir(parents=True, exist_ok=True)
    info.write_text(new_text, encoding="utf-8")
    return Scaffold(name, track, list(files), line)


def scaffold_parts(root: Path, name: str, track: str, hints: tuple[str, ...]) -> list[str]:
    """The parts of an exercise that still hold a scaffold placeholder (empty once it is filled in)."""
    parts = []
    if any(SCAFFOLD_MARKER in hint for hint in hints):
        parts.append("the hints in info.toml")
    for label, path in (("the exercise", root / "exercises" / track / f"{name}.py"),
                        ("the solution", root / "solutions" / track / f"{name}.py"),
                        ("the check", root / "checks" / track / f"test_{name}.py")):
        try:
            if SCAFFOLD_MARKER in path.read_text(encoding="utf-8"):
                parts.append(label)
        except OSError:
            continue
    return parts
