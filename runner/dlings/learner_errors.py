"""Turn an exception from a check run into words for the learner.

The classification looks at where the exception was raised: inside the
learner's file it is their error (with the line); a CheckFailure or
AssertionError from the check is a wrong answer; anything else raised inside
the check usually means the learner's code returned something unusable.
"""
from __future__ import annotations

import linecache
import re
import textwrap
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

    if isinstance(exc, CheckFailure):
        inner = _learner_exception_behind(exc, learner_file)
        if isinstance(inner, (NotImplementedError, MemoryError)):
            return explain(inner, learner_file, display_path)  # an unwritten TODO, or memory: said once, the usual way
        if inner is not None:
            # The check caught an exception from the learner's code and explained it: one framing
            # for every exception from learner code, whether or not the check caught it.
            return _explain_learner_exception(inner, learner_file, display_path, check_message=str(exc).strip())
    if isinstance(exc, CheckFailure) or (isinstance(exc, AssertionError) and not where):
        return Explained(Status.FAILED, str(exc).strip() or "The check's condition was not met.", location)

    name = type(exc).__name__
    text = _first_line(exc)
    if where:
        return _explain_learner_exception(exc, learner_file, display_path)
    if during_import:
        return Explained(Status.ERROR, f"Loading your file raised {name}: {text}\n" + _likely_cause(exc), location)
    cause = _specific_cause(exc)
    return Explained(
        Status.FAILED,
        f"The check could not use what your code gave it: {name}: {text}\n"
        + (f"Likely cause: {cause}" if cause else
           "Likely cause: a TODO still returns None or `...`, or the result has the wrong type or shape."),
        location,
    )


def _first_line(exc: BaseException) -> str:
    first = str(exc).strip().split("\n")
    return first[0][:400] if first and first[0] else ""


def _learner_frames(exc: BaseException, learner_file: Path) -> list[traceback.FrameSummary]:
    return [f for f in _frames(exc.__traceback__) if _same_file(f.filename, learner_file)]


def _learner_exception_behind(exc: BaseException, learner_file: Path) -> BaseException | None:
    """The exception from the learner's code that a check caught before failing, if any."""
    from dlings.testing import CheckFailure

    inner = exc.__cause__ or exc.__context__
    if inner is None or isinstance(inner, (CheckFailure, AssertionError)):
        return None
    return inner if _learner_frames(inner, learner_file) else None


def _explain_learner_exception(exc: BaseException, learner_file: Path, display_path: str,
                               check_message: str = "") -> Explained:
    """The one framing of an exception raised by the learner's code: where, the line, the likely cause.

    `check_message` is what the check said when it caught the exception (it names the call it made).
    """
    where = _learner_frames(exc, learner_file)[-1]
    in_func = f" in {where.name}()" if where.name != "<module>" else ""
    code = _source_line(where.filename, where.lineno or 0)
    name, text = type(exc).__name__, _first_line(exc)
    head = f"Your code raised {name} at line {where.lineno}{in_func}"
    if not check_message:
        body = f"{head}: {text}{code}\n" + _likely_cause(exc, where.line or "")
    else:
        # The check's words name the call it made; keep torch's text once.
        body = f"{head}.{code}\n{check_message}"
        if text and text[:60] not in check_message:
            body = f"{head}: {text}{code}\n{check_message}"
        if "Likely cause:" not in check_message:
            body += "\n" + _likely_cause(exc, where.line or "")
    return Explained(Status.ERROR, body, f"{display_path}:{where.lineno}")


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


# Explanations for the torch errors beginners meet most, matched on torch's own text
# (each pattern is tested against the message this torch really raises: tests/test_learner_messages.py).
_RULES: list[tuple[str, str]] = [
    # A GPU asked for where there is none (CPU-only build, no driver, or a driver too old for this torch).
    (r"CUDA driver version is insufficient|Found no NVIDIA driver|Torch not compiled with CUDA enabled"
     r"|no CUDA GPUs are available|No CUDA GPUs are available",
     "your code asked for a GPU (device='cuda', .cuda(), or a number where torch expects a device) and this "
     "machine has none it can use. Your installation is fine: use the device of the tensors you were given "
     "(x.device), or 'cpu'."),
    (r"Attempting to deserialize object on a CUDA device",
     "the file was saved from a GPU, and this machine has none: torch.load(path, map_location='cpu') puts its "
     "tensors on the CPU."),
    (r"Expected all tensors to be on the same device|is not on the expected device|expected to be in the same device",
     "two tensors on different devices: make new tensors on the device of the ones you were given "
     "(device=x.device, or .to(x.device))."),
    (r"cannot be called on meta tensors|Cannot copy out of meta tensor|can't convert meta device type tensor",
     "the check passed tensors on the 'meta' device (shapes without data, standing in for a GPU), and your code "
     "reads values out of one (.item(), int(), bool(), an `if` or a Python loop over its elements, .tolist(), "
     ".cpu()). Keep to whole-tensor operations, and make new tensors on the input's device."),
    # Indexing: gather / scatter / index_select / [] with tensors.
    (r"step must be greater than zero",
     "tensors do not take negative slice steps (NumPy's x[::-1]): torch.flip(x, dims=[d]) reverses a dimension "
     "(as a copy)."),
    (r"Index tensor must have the same number of dimensions as",
     "gather and scatter want an index with as many dimensions as the tensor: to pick one element per row of "
     "a 2-D x, the index has shape (N, 1): idx.unsqueeze(1), then .squeeze(1) on the result."),
    (r"Size does not match at dimension \d+ expected index",
     "the index of gather/scatter may not be larger than the tensor in any dimension but `dim`: check the "
     "index's shape, and which dim you passed."),
    (r"index -?\d+ is out of bounds for dimension \d+ with size \d+",
     "an index past the end: valid indices run from 0 to size - 1 (an off-by-one, the wrong dim, or "
     "indices meant for another tensor?)."),
    (r"Dimension out of range",
     "you asked for a dim this tensor does not have (a 1-D tensor has only dim 0, also called -1): print its "
     ".shape; unsqueeze it, or pick another dim."),
    (r"tensors used as indices must be long|Expected dtype int32/int64 for index|Expected dtype int32 or int64 for index",
     "indices must be integers (int64): an index computed with `/` is a float even for 4 / 2; use `//` "
     "(floor division), or .long()."),
    (r"one_hot is only applicable to index tensor",
     "F.one_hot takes int64 class indices: .long() them first."),
    (r"The shape of the mask \[.*\] at index \d+ does not match",
     "a boolean mask must have the same shape as the dimensions it indexes."),
    # Dtypes that do not agree.
    (r"expected m1 and m2 to have the same dtype|mat1 and mat2 must have the same dtype"
     r"|input tensors must have the same dtype",
     "the two sides of the matrix product have different dtypes (int64 from Python ints, float64 from "
     "NumPy, float32 weights...): cast one to the other's dtype, e.g. x.to(w.dtype) or .float()."),
    (r"Index put requires the source and destination dtypes match|Expected self.dtype to be equal to src.dtype"
     r"|must have the same scalar type",
     "the values written into a tensor must have its dtype: .to(target.dtype) them first (int64 literals "
     "into a float tensor, float64 from NumPy...)."),
    (r"can't be cast to the desired output type",
     "an in-place op (or out=) cannot change a tensor's dtype: a float result does not fit an int64 tensor. "
     "Use the out-of-place op (y = x * 0.5), or make the tensor float first."),
    (r"expected target dtype to be Long",
     "class-index targets must be int64: .long() them."),
    (r"could not infer output dtype\. Input dtype must be either a floating point|not implemented for 'Long'"
     r"|not implemented for 'Int'",
     "this operation needs a floating-point tensor and got integers: .float() it first (or create it with "
     "dtype=torch.float32)."),
    (r"expected scalar type|found dtype",
     "mixed dtypes: cast with .float() / .long() (or .to(other.dtype)) so both sides agree."),
    # Shapes.
    (r"mat1 and mat2 shapes cannot be multiplied",
     "the inner sizes of a matrix product differ: check which side to transpose."),
    (r"Sizes of tensors must match except in dimension",
     "torch.cat joins tensors that agree in every dimension but the one you join along: check their shapes "
     "and the dim (or did you mean torch.stack, which adds a new dim?)."),
    (r"Tensors must have same number of dimensions",
     "torch.cat joins tensors of the same rank: unsqueeze the smaller one first, or use torch.stack to add a "
     "new dimension."),
    (r"stack expects each tensor to be equal size",
     "torch.stack needs tensors of exactly the same shape."),
    (r"shape '\[[-\d, ]*\]' is invalid for input of size \d+",
     "view()/reshape() must keep the number of elements: the product of the new sizes differs from numel(). "
     "Print the tensor's shape just before (a dimension you expected may be smaller or missing)."),
    (r"The expanded size of the tensor",
     "expand() can only stretch dimensions of size 1: unsqueeze first, or use repeat() for real copies."),
    (r"must match the size of tensor", "shapes that cannot broadcast: line the trailing dimensions up (unsqueeze?)."),
    (r"view size is not compatible",
     "view() needs memory laid out in order, and this tensor is not contiguous (after transpose, permute, "
     "or a step slice): use reshape(), or .contiguous().view(...)."),
    # Autograd.
    (r"a leaf Variable that requires grad|a view of a leaf Variable that requires grad",
     "an in-place change of a leaf tensor that requires grad: a parameter update belongs under "
     "torch.no_grad(); anything autograd should follow needs an out-of-place op (x = x * 2)."),
    (r"Can't call numpy\(\) on Tensor that requires grad",
     "a tensor in autograd's graph must leave it first: t.detach().numpy() (it still shares t's memory)."),
    (r"only Tensors of floating point dtype can require gradients",
     "gradients need floating-point tensors: make it float (dtype=torch.float32, or 1.0 literals) before "
     "asking for requires_grad."),
    (r"Inference tensors cannot be saved for backward",
     "a tensor made under torch.inference_mode() can never join autograd later: compute what autograd must see "
     "outside it (torch.no_grad() results can), or .clone() the tensor first."),
    (r"appears to not have been used in the graph",
     "one of the tensors you asked gradients for did not take part in computing the output: pass "
     "allow_unused=True (its gradient comes back as None), or leave it out."),
    (r"vmap: Expected all tensors to have the same size in the mapped dimension",
     "in_dims maps one dimension of every argument it names, and those sizes must agree: an argument shared by "
     "all samples (the weights) takes in_dims=None."),
    (r"cannot assign module before Module.__init__", "call super().__init__() first thing in your __init__."),
    (r"is not a Module subclass", "containers hold modules: nn.ReLU(), not torch.relu."),
    (r"does not require grad and does not have a grad_fn",
     "the tensor is not part of a graph: requires_grad=True missing, or it was detached."),
    (r"grad can be implicitly created only for scalar",
     "backward() on a non-scalar: reduce to a scalar first (e.g. .sum()), or pass a gradient."),
    (r"Trying to backward through the graph a second time",
     "the graph was freed by the first backward(): recompute the forward, or retain_graph=True."),
    (r"modified by an inplace operation", "an in-place op changed a tensor autograd still needs: use the out-of-place version."),
    (r"only one element tensors can be converted", "a math.* function, float() or int() got a whole tensor: "
     "use the torch.* version, which works element by element."),
    (r"'ellipsis'", "a `...` placeholder is still there: finish the TODO."),
    (r"NoneType", "something is None: a TODO that still returns nothing?"),
]


def _specific_cause(exc: BaseException, code_line: str = "") -> str:
    """A learner explanation for a torch error, or "" when none is known."""
    text = str(exc)
    if re.search(r"\bGenerator\s*\(\s*(?!device)[^)\s]", code_line) and (
            re.search(r"CUDA|NVIDIA|cuda|device", text) or type(exc).__name__ == "AcceleratorError"):
        return ("torch.Generator's argument is a DEVICE, not a seed: torch.Generator(42) asks for GPU number 42. "
                "Seed it with g = torch.Generator().manual_seed(42).")
    for pattern, cause in _RULES:
        if re.search(pattern, text):
            return cause
    return ""


def _likely_cause(exc: BaseException, code_line: str = "") -> str:
    cause = _specific_cause(exc, code_line)
    if cause:
        return f"Likely cause: {cause}"
    return "Read the line above; the full traceback is one key away (o in watch mode, --verbose on the command line)."


def learner_traceback(exc: BaseException, learner_file: Path, display_path: str, check_file: Path,
                      test_name: str) -> str:
    """The full story of a failed check for `run --verbose`: the check's failing step (its statement,
    not its installed path), the lines of the learner's file the error went through, then the error."""
    from dlings.testing import CheckFailure

    inner = _learner_exception_behind(exc, learner_file) if isinstance(exc, CheckFailure) else None
    lines: list[str] = []
    statement = _check_statement(exc, check_file)
    if statement:
        lines.append(f"The check's failing step (in {test_name}):")
        lines.extend(f"    {line}" for line in statement)
    source = inner if inner is not None else exc
    frames = _learner_frames(source, learner_file)
    if frames:
        lines.append(f"In your file {display_path}:")
        for frame in frames:
            where = f" in {frame.name}()" if frame.name != "<module>" else ""
            lines.append(f"  line {frame.lineno}{where}")
            if frame.line:
                lines.append(f"    {frame.line.strip()}")
        lines.append(f"{type(source).__name__}: {str(source).strip()[:2000]}")
    elif isinstance(exc, CheckFailure):
        lines.append(f"No line of your file {display_path} failed: the check judged what it returned.")
    elif isinstance(exc, SyntaxError):
        lines.append(f"Python could not read {display_path} (line {exc.lineno}), so none of it ran.")
    else:
        lines.append(f"The error was raised outside your file {display_path}, on what it gave the check.")
    if source is not exc or not frames:
        label = "" if isinstance(exc, CheckFailure) else f"{type(exc).__name__}: "
        lines.append(f"\n{label}{str(exc).strip()[:4000]}")
    return "\n".join(lines)


def _check_statement(exc: BaseException, check_file: Path) -> list[str]:
    """The whole statement of the check that was running when `exc` was raised (several lines if it spans them)."""
    import ast

    frames = [f for f in _frames(exc.__traceback__) if _same_file(f.filename, check_file)]
    if not frames:
        return []
    lineno = frames[-1].lineno or 0
    try:
        text = check_file.read_text(encoding="utf-8")
        tree = ast.parse(text)
    except (OSError, SyntaxError, ValueError):
        line = frames[-1].line
        return [line.strip()] if line else []
    best = None
    for node in ast.walk(tree):
        if isinstance(node, ast.stmt) and not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef,
                                                                ast.With, ast.For, ast.While, ast.If, ast.Try)):
            end = getattr(node, "end_lineno", node.lineno) or node.lineno
            if node.lineno <= lineno <= end and (best is None or node.lineno >= best.lineno):
                best = node
    if best is None:
        return [frames[-1].line.strip()] if frames[-1].line else []
    source = text.splitlines()[best.lineno - 1:best.end_lineno]
    statement = textwrap.dedent("\n".join(source)).splitlines()
    if len(statement) > 12:
        statement = statement[:12] + ["..."]
    return statement
