"""Turn an exception from a check run into words for the learner.

The classification looks at where the exception was raised: inside the
learner's file it is their error (with the line); a CheckFailure or
AssertionError from the check is a wrong answer; anything else raised inside
the check usually means the learner's code returned something unusable.
"""
from __future__ import annotations

import linecache
import re
import traceback
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from dlings.verdict import Status

OOM_PATTERNS = re.compile(r"can.t allocate memory|out of memory|std::bad_alloc|MemoryError", re.I)


@dataclass
class Explained:
    status: Status
    message: str
    location: str = ""


def _frames(tb: TracebackType | None) -> list[traceback.FrameSummary]:
    return list(traceback.extract_tb(tb)) if tb is not None else []


def _same_file(a: str, b: Path) -> bool:
    try:
        return Path(a).resolve() == b.resolve()
    except OSError:
        return False


def _source_line(filename: str, lineno: int) -> str:
    line = linecache.getline(filename, lineno).rstrip()
    return f"\n    {lineno} | {line.strip()}" if line else ""


def explain(exc: BaseException, learner_file: Path, display_path: str, during_import: bool = False) -> Explained:
    """Explain `exc`; `display_path` is how the learner's file is named in messages."""
    from dlings.testing import CheckAuthoringError, CheckFailure

    if isinstance(exc, SyntaxError) and exc.filename and _same_file(exc.filename, learner_file):
        kind = "Indentation error" if isinstance(exc, IndentationError) else "Syntax error"
        caret = ""
        if exc.text:
            text = exc.text.rstrip("\n")
            stripped = text.lstrip()
            offset = max((exc.offset or 1) - (len(text) - len(stripped)), 1)
            caret = f"\n    {exc.lineno} | {stripped}\n    {' ' * len(str(exc.lineno))} | {' ' * (offset - 1)}^"
        return Explained(
            Status.ERROR,
            f"{kind} in {display_path} at line {exc.lineno}: {exc.msg}.{caret}\n"
            "Python could not read the file, so nothing was checked yet.",
            f"{display_path}:{exc.lineno}",
        )

    frames = _frames(exc.__traceback__)
    learner_frames = [f for f in frames if _same_file(f.filename, learner_file)]
    where = learner_frames[-1] if learner_frames else None
    location = f"{display_path}:{where.lineno}" if where else ""
    at_line = f" at line {where.lineno}" if where else ""
    in_func = f" in {where.name}()" if where and where.name != "<module>" else ""
    code = _source_line(where.filename, where.lineno or 0) if where else ""

    if isinstance(exc, MemoryError) or (isinstance(exc, RuntimeError) and OOM_PATTERNS.search(str(exc))):
        detail = str(exc).split("\n")[0]
        detail = re.sub(r"^\[enforce fail at [^\]]*\] ", "", detail)
        return Explained(
            Status.OUT_OF_MEMORY,
            f"Your code asked for more memory than this exercise allows{at_line}{in_func}.{code}\n"
            f"  {detail[:300]}\nLikely cause: a shape far larger than intended (check the sizes you pass), "
            "or tensors kept alive in a loop.",
            location,
        )

    if isinstance(exc, SystemExit):
        return Explained(
            Status.ERROR,
            f"Your code called sys.exit({exc.code!r}){at_line}, which ends the program before it can be checked."
            f"{code}\nRemove the exit() call.",
            location,
        )

    stopped = _control_flow_words(exc)
    if stopped:
        return Explained(
            Status.ERROR,
            f"Your code {stopped}{at_line}{in_func}, which stops the check instead of giving it a result.{code}\n"
            "Nothing was judged, and this does not count as passing or skipping: remove that line.",
            location,
        )

    if isinstance(exc, ModuleNotFoundError) and (during_import or where):
        return Explained(
            Status.ERROR,
            f"Your file imports '{exc.name}', which is not installed or does not exist{at_line}.{code}\n"
            "Check the spelling (it is `import torch`), or install the package.",
            location,
        )

    if isinstance(exc, ImportError) and (during_import or where):
        return Explained(Status.ERROR, f"Import failed{at_line}: {exc}.{code}\nCheck the name you import.", location)

    if isinstance(exc, NotImplementedError) and where and "NotImplementedError" in (where.line or ""):
        return Explained(
            Status.ERROR,
            f"Not written yet: {display_path}{in_func} still raises NotImplementedError (line {where.lineno}).\n"
            "Replace the `raise NotImplementedError` under the TODO with your code.",
            location,
        )

    if isinstance(exc, CheckAuthoringError):
        return Explained(Status.BROKEN, f"This check has a bug (not your code): {exc}", "")

    if isinstance(exc, CheckFailure) or (isinstance(exc, AssertionError) and not where):
        return Explained(Status.FAILED, str(exc).strip() or "The check's condition was not met.", location)

    name = type(exc).__name__
    first = str(exc).strip().split("\n")
    text = first[0][:400] if first and first[0] else ""
    if where:
        return Explained(
            Status.ERROR,
            f"Your code raised {name}{at_line}{in_func}: {text}{code}\n" + _likely_cause(exc),
            location,
        )
    if during_import:
        return Explained(Status.ERROR, f"Loading your file raised {name}: {text}", location)
    return Explained(
        Status.FAILED,
        f"The check could not use what your code gave it: {name}: {text}\n"
        "Likely cause: a TODO still returns None or `...`, or the result has the wrong type or shape.",
        location,
    )


def _control_flow_words(exc: BaseException) -> str:
    """How to name an exception that pytest treats as an exit, interrupt or skip."""
    import unittest

    import pytest

    if isinstance(exc, KeyboardInterrupt):
        return "raised KeyboardInterrupt"
    if isinstance(exc, pytest.exit.Exception):
        return "called pytest.exit()"
    if isinstance(exc, pytest.skip.Exception):
        return "called pytest.skip()"
    if isinstance(exc, unittest.SkipTest):
        return "raised unittest.SkipTest"
    return ""


def _likely_cause(exc: BaseException) -> str:
    text = str(exc)
    rules = [
        (r"Expected all tensors to be on the same device", "two tensors on different devices: move both with .to(device)."),
        (r"mat1 and mat2 shapes cannot be multiplied", "the inner sizes of a matrix product differ: check which side to transpose."),
        (r"must match the size of tensor", "shapes that cannot broadcast: line the trailing dimensions up (unsqueeze?)."),
        (r"view size is not compatible", "view() needs a contiguous tensor: use reshape(), or .contiguous() first."),
        (r"a leaf Variable that requires grad", "an in-place change of a leaf tensor that requires grad: a parameter update "
         "belongs under torch.no_grad(); anything autograd should follow needs an out-of-place op (x = x * 2)."),
        (r"cannot assign module before Module.__init__", "call super().__init__() first thing in your __init__."),
        (r"is not a Module subclass", "containers hold modules: nn.ReLU(), not torch.relu."),
        (r"does not require grad and does not have a grad_fn", "the tensor is not part of a graph: requires_grad=True missing, or it was detached."),
        (r"grad can be implicitly created only for scalar", "backward() on a non-scalar: reduce to a scalar first (e.g. .sum()), or pass a gradient."),
        (r"Trying to backward through the graph a second time", "the graph was freed by the first backward(): recompute the forward, or retain_graph=True."),
        (r"expected scalar type|found dtype", "mixed dtypes: cast with .float() / .long() so both sides agree."),
        (r"modified by an inplace operation", "an in-place op changed a tensor autograd still needs: use the out-of-place version."),
        (r"only one element tensors can be converted", "a math.* function, float() or int() got a whole tensor: "
         "use the torch.* version, which works element by element."),
        (r"'ellipsis'", "a `...` placeholder is still there: finish the TODO."),
        (r"NoneType", "something is None: a TODO that still returns nothing?"),
    ]
    for pattern, cause in rules:
        if re.search(pattern, text):
            return f"Likely cause: {cause}"
    return "Read the line above; the full traceback is one key away (o in watch mode, --verbose on the command line)."
