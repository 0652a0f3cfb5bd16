"""Assertions for checks that explain a mismatch the way a tutor would.

Every helper raises `CheckFailure` (an AssertionError) whose text is shown to
the learner as is: what was expected, what came, where they differ and, when
the check knows it, the likely cause.

    from dlings.testing import expect_close, expect_tensor, no_loops

    def test_softmax(exercise):
        x = torch.randn(4, 7)
        got = exercise.softmax(x, dim=1)
        expect_close(got, torch.softmax(x, dim=1), what="softmax(x, dim=1)",
                     mistakes={"you normalised over dim 0": torch.softmax(x, dim=0)})
"""
from __future__ import annotations

import ast
import builtins
import contextlib
import inspect
import math
import sys
import textwrap
from pathlib import Path
from types import FunctionType, ModuleType
from typing import Any, Iterable, Mapping

import torch

# Captured at import, before any learner module runs, so a learner who
# monkeypatches torch cannot make these comparisons lie.
_Tensor = torch.Tensor
_isinstance = builtins.isinstance
_as_tensor = torch.as_tensor
_isclose = torch.isclose
_abs = torch.abs
_argmax = torch.argmax
_equal = torch.equal
_unravel = torch.unravel_index if hasattr(torch, "unravel_index") else None
_no_torch_function = torch._C.DisableTorchFunction


def _plain_torch(helper):
    """Run a comparison helper with every __torch_function__ override off (tensor
    subclasses and torch-function modes the learner's code may have set), so it
    compares plain tensors."""
    import functools

    @functools.wraps(helper)
    def wrapper(*args, **kwargs):
        with _no_torch_function():
            return helper(*args, **kwargs)

    return wrapper

__all__ = [
    "CheckFailure", "fail", "expect", "expect_tensor", "expect_shape", "expect_dtype", "expect_device",
    "expect_close", "expect_equal", "expect_grad", "expect_parameter_names", "source_of", "function_ast",
    "no_loops", "calls_in", "forbid_calls", "expect_not_calling", "tensor_summary",
]


class CheckFailure(AssertionError):
    """A check's verdict for the learner; its text is shown verbatim."""


class CheckAuthoringError(Exception):
    """The check itself is wrong (reported as a broken check, never blamed on the learner)."""


def fail(message: str, *, hint: str | None = None) -> None:
    raise CheckFailure(_with_hint(message, hint))


def expect(condition: Any, message: str, *, hint: str | None = None) -> None:
    if not condition:
        fail(message, hint=hint)


def _with_hint(message: str, hint: str | None) -> str:
    message = message.rstrip()
    return f"{message}\nLikely cause: {hint}" if hint else message


def _shape(t: _Tensor) -> str:
    return "(" + ", ".join(str(s) for s in t.shape) + ("," if t.dim() == 1 else "") + ")"


def _describe(value: Any) -> str:
    if value is None:
        return "None"
    if _isinstance(value, _Tensor):
        return f"a tensor of shape {_shape(value)}, dtype {value.dtype}, on {value.device}"
    text = repr(value)
    return f"{type(value).__name__} {text[:80]}{'...' if len(text) > 80 else ''}"


def tensor_summary(t: _Tensor, limit: int = 6, start: int = 0) -> str:
    """A short, readable view of `limit` values of a tensor (row-major), from flat position `start`."""
    start = max(0, min(start, t.numel() - limit))
    flat = t.detach().reshape(-1)[start:start + limit].cpu()
    items = []
    for v in flat.tolist():
        items.append(f"{v:.4g}" if _isinstance(v, float) else str(v))
    before = "..., " if start > 0 else ""
    more = ", ..." if t.numel() > start + limit else ""
    return f"[{before}{', '.join(items)}{more}]"


def _preview_start(first_bad: int, numel: int, limit: int = 6) -> int:
    """Where a preview of `limit` values starts so that it shows the first mismatch (two values before it)."""
    return max(0, min(first_bad - 2, numel - limit))


def expect_tensor(got: Any, what: str = "your result", *, hint: str | None = None) -> _Tensor:
    """Fail unless `got` is a tensor; return it for chaining."""
    if _isinstance(got, _Tensor):
        return got
    # An unfinished TODO is the likeliest cause of these two, whatever hint the check gave.
    if got is None:
        hint = "the function still returns None: finish the TODO and `return` the tensor."
    elif got is Ellipsis:
        hint = "the `...` placeholder is still there: replace it with your code."
    fail(f"{what} should be a torch.Tensor, but it is {_describe(got)}.", hint=hint)
    raise AssertionError  # unreachable; keeps type checkers calm


def expect_shape(got: _Tensor, shape: Iterable[int], what: str = "your result", *, hint: str | None = None) -> None:
    expect_tensor(got, what)
    shape = tuple(shape)
    if tuple(got.shape) != shape:
        guess = hint if hint is not None else _shape_guess(tuple(got.shape), shape)
        fail(f"{what} has the wrong shape.\n  expected shape {shape}\n  got shape      {tuple(got.shape)}", hint=guess)


def _shape_guess(got: tuple[int, ...], want: tuple[int, ...]) -> str | None:
    """A likely cause for a shape mismatch, offered only when the two shapes allow it."""
    guesses = []
    if len(got) == len(want) and sorted(got) == sorted(want):
        swaps = [(i, j) for i in range(len(got)) for j in range(i + 1, len(got))
                 if got[:i] + (got[j],) + got[i + 1:j] + (got[i],) + got[j + 1:] == want]
        moves = [(i, j) for i in range(len(got)) for j in range(len(got)) if abs(i - j) > 1
                 and _moved(got, i, j) == want]
        if moves:
            i, j = moves[0]
            guesses.append(f"the dimension of size {got[i]} is at position {i} and belongs at position {j} "
                           f"(dim={j - len(got) if j == len(got) - 1 else j}): stack/cat/unsqueeze along that "
                           f"dim, or .movedim({i}, {j}).")
        if swaps:
            i, j = swaps[0]
            guesses.append(f"dimensions {i} and {j} are swapped: build it in that order, or .transpose({i}, {j}).")
        if not guesses:
            guesses.append("the right sizes in the wrong order: check which dimension is which (permute?).")
    elif len(got) == len(want) + 1 and any(got[:i] + got[i + 1:] == want for i in range(len(got)) if got[i] == 1):
        i = next(i for i in range(len(got)) if got[i] == 1 and got[:i] + got[i + 1:] == want)
        guesses.append(f"an extra dimension of size 1 at position {i}: keepdim=True where it should not be, an "
                       f"unsqueeze too many, or a missing .squeeze({i})?")
    elif len(got) + 1 == len(want) and any(want[:i] + want[i + 1:] == got for i in range(len(want)) if want[i] == 1):
        i = next(i for i in range(len(want)) if want[i] == 1 and want[:i] + want[i + 1:] == got)
        guesses.append(f"a dimension of size 1 is missing at position {i}: keepdim=True, or .unsqueeze({i})?")
    elif len(got) == len(want) + 1 and any(got[:i] + (got[i] * got[i + 1],) + got[i + 2:] == want
                                           for i in range(len(got) - 1)):
        i = next(i for i in range(len(got) - 1) if got[:i] + (got[i] * got[i + 1],) + got[i + 2:] == want)
        guesses.append(f"dimensions {i} and {i + 1} (sizes {got[i]} and {got[i + 1]}) should be one of size "
                       f"{got[i] * got[i + 1]}: torch.cat instead of torch.stack, or a missing flatten/reshape?")
    elif len(got) + 1 == len(want) and any(want[:i] + (want[i] * want[i + 1],) + want[i + 2:] == got
                                           for i in range(len(want) - 1)):
        i = next(i for i in range(len(want) - 1) if want[:i] + (want[i] * want[i + 1],) + want[i + 2:] == got)
        guesses.append(f"dimension {i} (size {got[i]}) should be two, of sizes {want[i]} and {want[i + 1]}: "
                       "torch.stack instead of torch.cat, or a missing view/unflatten?")
    elif len(got) == len(want) and sum(a != b for a, b in zip(got, want)) == 1:
        i = next(i for i in range(len(got)) if got[i] != want[i])
        if abs(got[i] - want[i]) == 1:
            guesses.append(f"dimension {i} is off by one ({got[i]} instead of {want[i]}): a slice or range end "
                           "included or left out?")
        else:
            guesses.append(f"dimension {i} has size {got[i]} instead of {want[i]}; the others are right.")
    elif math.prod(got) == math.prod(want):
        guesses.append("the number of elements is right; the layout is not (view/reshape arguments?).")
    return " Or ".join(guesses) or None


def _moved(shape: tuple[int, ...], i: int, j: int) -> tuple[int, ...]:
    rest = list(shape[:i] + shape[i + 1:])
    rest.insert(j, shape[i])
    return tuple(rest)


def expect_dtype(got: _Tensor, dtype: torch.dtype, what: str = "your result", *, hint: str | None = None) -> None:
    expect_tensor(got, what)
    if got.dtype != dtype:
        guess = hint
        if guess is None and got.dtype == torch.int64 and dtype.is_floating_point:
            guess = "a tensor made from Python ints is int64; pass dtype= or use float literals (1.0)."
        elif guess is None and got.dtype == torch.float64 and dtype == torch.float32:
            guess = "float64 usually comes from NumPy (np arrays are float64) or dtype=torch.double."
        fail(f"{what} has the wrong dtype.\n  expected {dtype}\n  got      {got.dtype}", hint=guess)


def expect_device(got: _Tensor, device: str | torch.device, what: str = "your result", *,
                  hint: str | None = None) -> None:
    expect_tensor(got, what)
    want = torch.device(device)
    if got.device.type != want.type or (want.index is not None and got.device.index != want.index):
        fail(f"{what} is on the wrong device.\n  expected {want}\n  got      {got.device}",
             hint=hint or "move it with .to(device), or create it with device=...")


def _default_tolerance(dtype: torch.dtype) -> tuple[float, float]:
    return {
        torch.float16: (1e-3, 1e-5), torch.bfloat16: (1.6e-2, 1e-5), torch.float32: (1.3e-6, 1e-5),
        torch.float64: (1e-7, 1e-7), torch.complex64: (1.3e-6, 1e-5), torch.complex128: (1e-7, 1e-7),
    }.get(dtype, (0.0, 0.0))


def _index_str(flat_index: int, shape: tuple[int, ...]) -> str:
    if not shape:
        return "()"
    idx = []
    for size in reversed(shape):
        idx.append(flat_index % size)
        flat_index //= size
    return "(" + ", ".join(str(i) for i in reversed(idx)) + ("," if len(shape) == 1 else "") + ")"


def _matches(got: _Tensor, ref: _Tensor, rtol: float, atol: float, equal_nan: bool) -> bool:
    if tuple(got.shape) != tuple(ref.shape):
        return False
    if got.numel() == 0:
        return True
    g = got.detach().cpu()
    r = ref.detach().cpu().to(g.dtype) if ref.dtype != g.dtype else ref.detach().cpu()
    if not (g.is_floating_point() or g.is_complex()):
        return bool(_equal(g, r))
    return bool(_isclose(g, r, rtol=rtol, atol=atol, equal_nan=equal_nan).all())


@_plain_torch
def expect_close(
    got: Any,
    expected: _Tensor | Any,
    what: str = "your result",
    *,
    rtol: float | None = None,
    atol: float | None = None,
    check_dtype: bool = True,
    check_device: bool = True,
    equal_nan: bool = False,
    hint: str | None = None,
    mistakes: Mapping[str, Any] | None = None,
) -> None:
    """Compare a learner's tensor with the reference, explaining any mismatch.

    `mistakes` maps a likely cause to the value that mistake produces; when the
    learner's tensor matches one of them, the message names that cause.
    """
    if not _isinstance(expected, _Tensor):
        expected = _as_tensor(expected)
    got = expect_tensor(got, what, hint=hint)
    d_rtol, d_atol = _default_tolerance(expected.dtype)
    rtol = d_rtol if rtol is None else rtol
    atol = d_atol if atol is None else atol

    def cause_from_mistakes() -> str | None:
        for cause, value in (mistakes or {}).items():
            value = value() if callable(value) else value
            if _isinstance(value, _Tensor) and _matches(got, value, max(rtol, 1e-4), max(atol, 1e-5), equal_nan):
                return cause
        return None

    if tuple(got.shape) != tuple(expected.shape):
        expect_shape(got, expected.shape, what, hint=cause_from_mistakes() or hint)
    if check_dtype and got.dtype != expected.dtype:
        expect_dtype(got, expected.dtype, what, hint=hint)
    if check_device and got.device.type != expected.device.type:
        expect_device(got, expected.device, what, hint=hint)
    if _matches(got, expected, rtol, atol, equal_nan):
        return

    g = got.detach().cpu()
    r = expected.detach().cpu().to(g.dtype) if expected.dtype != g.dtype else expected.detach().cpu()
    lines = [f"{what} does not match the expected values (shape {_shape(expected)}, dtype {expected.dtype})."]
    if g.is_floating_point() or g.is_complex():
        bad = ~_isclose(g, r, rtol=rtol, atol=atol, equal_nan=equal_nan)
        first = int(_argmax(bad.reshape(-1).to(torch.uint8)))
        nan_got = bool(torch.isnan(g).any()) if g.is_floating_point() else False
        diff = _abs(g.to(torch.float64) - r.to(torch.float64)) if not g.is_complex() else _abs(g - r).double()
        diff = torch.where(torch.isnan(diff), torch.full_like(diff, math.inf), diff)
        worst = int(_argmax(diff.reshape(-1)))
        lines.append(f"  mismatched elements: {int(bad.sum())} of {g.numel()}")
        lines.append(
            f"  largest difference {float(diff.reshape(-1)[worst]):.4g} at index {_index_str(worst, tuple(g.shape))}: "
            f"expected {r.reshape(-1)[worst].item():.6g}, got {g.reshape(-1)[worst].item():.6g}"
        )
        if nan_got and not bool(torch.isnan(r).any()):
            hint = hint or "your result has NaN values: look for log(0), 0/0, exp overflow, or sqrt of a negative."
        elif bool(torch.isinf(g).any()) and not bool(torch.isinf(r).any()):
            hint = hint or "your result has inf values: exp() of a large number overflows; subtract the max first."
    else:
        bad = g != r
        first = int(_argmax(bad.reshape(-1).to(torch.uint8)))
        lines.append(f"  mismatched elements: {int(bad.sum())} of {g.numel()}")
        lines.append(
            f"  first difference at index {_index_str(first, tuple(g.shape))}: "
            f"expected {r.reshape(-1)[first].item()}, got {g.reshape(-1)[first].item()}"
        )
    start = _preview_start(first, g.numel())
    if start > 0:  # the first values agree: show the ones around the first difference instead
        around = (f" (the first difference is at {_index_str(first, tuple(g.shape))})"
                  if g.is_floating_point() or g.is_complex() else "")
        lines.append(f"  values from index {_index_str(start, tuple(g.shape))} on{around}:")
    lines.append(f"  expected {tensor_summary(r, start=start)}")
    lines.append(f"  got      {tensor_summary(g, start=start)}")
    fail("\n".join(lines), hint=cause_from_mistakes() or hint)


@_plain_torch
def expect_equal(got: Any, expected: Any, what: str = "your result", *, hint: str | None = None,
                 mistakes: Mapping[str, Any] | None = None) -> None:
    """Exact comparison for Python values (ints, tuples, strings, dtypes, shapes)."""
    if _isinstance(got, torch.Size):
        got = tuple(got)
    if _isinstance(expected, torch.Size):
        expected = tuple(expected)
    same = got == expected
    if same is True and isinstance(got, bool) == isinstance(expected, bool):
        return
    cause = next((c for c, v in (mistakes or {}).items() if got == v), None) or hint
    if got is None and cause is None:
        cause = "None came back: finish the TODO and `return` the value."
    fail(f"{what} is not right.\n  expected {expected!r}\n  got      {got!r}", hint=cause)


@_plain_torch
def expect_grad(param: _Tensor, expected: _Tensor, what: str = "the gradient", **kwargs: Any) -> None:
    """Compare `param.grad` with a reference, explaining a missing or accumulated gradient."""
    if not _isinstance(param, _Tensor):
        fail(f"{what}: expected a tensor with .grad, got {_describe(param)}.")
    if param.grad is None:
        fail(
            f"{what} is None: no gradient reached this tensor.",
            hint=kwargs.pop("hint", None)
            or "requires_grad=True missing, backward() not called, or the graph was cut by .detach()/.item()/no_grad.",
        )
    mistakes = dict(kwargs.pop("mistakes", {}) or {})
    mistakes.setdefault("gradients accumulated over several backward() calls: zero them before each one.",
                        expected * 2)
    expect_close(param.grad, expected, what, mistakes=mistakes, **kwargs)


def expect_parameter_names(module: torch.nn.Module, expected: Iterable[str], what: str = "your module") -> None:
    got = sorted(name for name, _ in module.named_parameters())
    want = sorted(expected)
    if got != want:
        missing = sorted(set(want) - set(got))
        extra = sorted(set(got) - set(want))
        parts = [f"{what} does not register the expected parameters."]
        if missing:
            parts.append(f"  missing: {', '.join(missing)}")
        if extra:
            parts.append(f"  unexpected: {', '.join(extra)}")
        fail("\n".join(parts), hint="a tensor stored as a plain attribute (or in a plain list/dict) is not a "
             "parameter: wrap it in nn.Parameter, or use nn.ModuleList / nn.ModuleDict.")


# --- Looking at the learner's code ------------------------------------------------------------

def source_of(obj: ModuleType | FunctionType | type) -> str:
    try:
        return textwrap.dedent(inspect.getsource(obj))
    except (OSError, TypeError):
        fail(f"could not read the source of {getattr(obj, '__name__', obj)!r}; is it defined in your file?")
        raise


def function_ast(obj: ModuleType | FunctionType | type) -> ast.AST:
    return ast.parse(source_of(obj))


_LOOP_NODES = (ast.For, ast.AsyncFor, ast.While, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def no_loops(obj: FunctionType | type | ModuleType, what: str | None = None, *, allow_comprehensions: bool = False,
             instead: str | None = None) -> None:
    """Fail if the function (or class) uses a Python loop; the exercise asks for tensor operations.

    `instead` names the vectorised form the check has in mind (e.g. "x.gather(1, idx.unsqueeze(1))");
    the message offers it to the learner.
    """
    tree = function_ast(obj)
    name = what or f"{getattr(obj, '__name__', 'your code')}()"
    try:
        lines, first_line = inspect.getsourcelines(obj)
        filename = inspect.getsourcefile(obj) or ""
    except (OSError, TypeError):
        lines, first_line, filename = [], 1, ""
    first_line = max(first_line, 1)  # a module's source starts at line 0
    for node in ast.walk(tree):
        if isinstance(node, _LOOP_NODES):
            if allow_comprehensions and not isinstance(node, (ast.For, ast.AsyncFor, ast.While)):
                continue
            kind = {ast.For: "a for loop", ast.While: "a while loop", ast.AsyncFor: "an async for loop"}.get(
                type(node), "a comprehension (a loop in disguise)")
            line = first_line + node.lineno - 1
            text = lines[node.lineno - 1].strip() if 0 < node.lineno <= len(lines) else ""
            where = f"line {line} of {_shown_path(filename)}" if filename else f"line {node.lineno} of the function"
            shown = f"\n    {line} | {text}" if text else ""
            alternative = (f"this exercise asks for tensor operations instead of a loop, here: {instead}" if instead
                           else "this exercise asks for one tensor expression: let broadcasting and vectorised "
                                "ops do the loop.")
            fail(f"{name} uses {kind} at {where}.{shown}", hint=alternative)


def _shown_path(filename: str) -> str:
    """The learner's file as the runner names it (exercises/...), else the file's name."""
    try:
        from dlings import pytest_plugin

        context = pytest_plugin.active_context
        if context is not None and Path(filename).resolve() == Path(context.exercise_file).resolve():
            return context.display_path
    except Exception:  # noqa: BLE001
        pass
    return Path(filename).name


def calls_in(obj: FunctionType | type | ModuleType) -> set[str]:
    """Dotted names of everything the code calls or references, e.g. {'torch.softmax', 'x.sum'}."""
    names: set[str] = set()

    def dotted(node: ast.AST) -> str | None:
        if isinstance(node, ast.Name):
            return node.id
        if isinstance(node, ast.Attribute):
            base = dotted(node.value)
            return f"{base}.{node.attr}" if base else node.attr
        return None

    for node in ast.walk(function_ast(obj)):
        if isinstance(node, (ast.Attribute, ast.Name)):
            name = dotted(node)
            if name:
                names.add(name)
    return names


def expect_not_calling(obj: FunctionType | type | ModuleType, banned: Iterable[str], *, why: str = "") -> None:
    """Fail if the code mentions any of `banned` (matched on the last dotted parts, e.g. 'softmax')."""
    # A bare name counts only when it is torch's (`from torch import softmax`): a learner's own
    # helper called `softmax`, or an attribute like self.embedding, is not the banned function.
    namespace = getattr(obj, "__globals__", None) or vars(sys.modules.get(getattr(obj, "__module__", ""), builtins))

    def is_torch(name: str) -> bool:
        value = namespace.get(name)
        origin = getattr(value, "__module__", None) or getattr(value, "__name__", "") or ""
        return value is not None and str(origin).split(".")[0] == "torch"

    used = {name for name in calls_in(obj)
            if ("." in name and not name.startswith("self.")) or ("." not in name and is_torch(name))}
    for ban in banned:
        for name in used:
            if name == ban or name.endswith("." + ban):
                fail(f"{getattr(obj, '__name__', 'your code')} uses `{name}`, which this exercise asks you not to use.",
                     hint=why or "write it from the smaller operations the docstring names.")


@contextlib.contextmanager
def forbid_calls(targets: Mapping[str, tuple[Any, str]] | Iterable[str], *, why: str = ""):
    """While active, calling any target raises a CheckFailure.

    `targets` is either dotted names under torch ("torch.softmax",
    "torch.nn.functional.softmax", "torch.Tensor.softmax") or a mapping of
    label -> (owner object, attribute name).
    """
    if not isinstance(targets, Mapping):
        resolved = {}
        for dotted in targets:
            owner_path, attr = dotted.rsplit(".", 1)
            owner: Any = torch
            try:
                for part in owner_path.split(".")[1:]:
                    owner = getattr(owner, part)
                getattr(owner, attr)
            except AttributeError:
                raise CheckAuthoringError(f"forbid_calls: {dotted} does not exist in this torch.") from None
            resolved[dotted] = (owner, attr)
        targets = resolved
    saved = []
    try:
        for label, (owner, attr) in targets.items():
            original = getattr(owner, attr)
            saved.append((owner, attr, original))

            def banned(*args, _label=label, **kwargs):
                raise CheckFailure(f"your code called `{_label}`, which this exercise asks you not to use.\n"
                                   f"Likely cause: {why or 'build it from the smaller operations the docstring names.'}")

            setattr(owner, attr, banned)
        yield
    finally:
        for owner, attr, original in reversed(saved):
            setattr(owner, attr, original)


# --- Checks that generalise: the edge-case checklist (docs/AUTHORING.md) -----------------------

__all__ += ["edge_shapes", "expect_meta_call", "boundary_values", "model_with_distractors", "snapshot",
            "expect_untouched", "expect_module_called"]

_TYPICAL_SIZES = (3, 5, 4, 2, 6, 7)


def edge_shapes(rank: int, *, sizes: Iterable[int] | None = None, higher: int = 2,
                batch: Iterable[int] = (2, 3)) -> list[tuple[int, ...]]:
    """Shapes that catch code written for one shape only: a list of tuples, always the same.

    rank:   the rank the exercise is about (0 for scalars, 1 for vectors, 2 for matrices, ...).
    sizes:  the sizes of the typical shape, one per dim (default 3, 5, 4, 2, ...: all distinct, so a
            transposed or mixed-up dim shows).
    higher: how many extra leading batch dims to try on top of `rank` (0: none; 2: rank+1 and rank+2).
    batch:  the sizes of those leading dims (default 2, then 3).

    In order: the typical shape; the same with each dim set to 1 in turn (the `(1, n)` and `(n, 1)` of a
    matrix: catches `squeeze()` and `x[0]`); all ones; then the typical shape behind 1 .. `higher` leading
    batch dims (catches code that only works in 2-D). No shape repeats.

        edge_shapes(2)  ->  [(3, 5), (1, 5), (3, 1), (1, 1), (2, 3, 5), (2, 3, 3, 5)]
    """
    if rank < 0:
        raise CheckAuthoringError("edge_shapes: rank must be 0 or more.")
    sizes = tuple(sizes) if sizes is not None else _TYPICAL_SIZES[:rank]
    if len(sizes) != rank:
        raise CheckAuthoringError(f"edge_shapes: {len(sizes)} sizes for rank {rank}.")
    batch = tuple(batch)
    shapes: list[tuple[int, ...]] = [sizes]
    for i in range(rank):
        shapes.append(sizes[:i] + (1,) + sizes[i + 1:])
    shapes.append((1,) * rank)
    for extra in range(1, higher + 1):
        lead = tuple(batch[i % len(batch)] if batch else 2 for i in range(extra))
        shapes.append(lead + sizes)
    return list(dict.fromkeys(shapes))


def _learner_line(exc: BaseException) -> str:
    """' (line N of name.py: `code`)' for the innermost frame outside torch, dlings and the standard library."""
    import os
    import sysconfig
    import traceback

    skip = tuple(os.path.dirname(os.path.abspath(p)) + os.sep for p in (__file__, torch.__file__)) + tuple(
        os.path.abspath(p) + os.sep for p in {sysconfig.get_paths()["stdlib"], sysconfig.get_paths()["purelib"]})
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        path = os.path.abspath(frame.filename)
        if not frame.filename.startswith("<") and not path.startswith(skip):
            return f" (line {frame.lineno} of {os.path.basename(path)}: `{(frame.line or '').strip()}`)"
    return ""


def _to_meta(arg: Any, dtype: torch.dtype) -> Any:
    if _isinstance(arg, _Tensor):
        return arg.detach().to("meta")
    if _isinstance(arg, (tuple, torch.Size)) and all(_isinstance(s, int) for s in arg):
        return torch.empty(tuple(arg), dtype=dtype, device="meta")
    return arg


def expect_meta_call(fn: Any, *shapes: Any, dtype: torch.dtype = torch.float32, reference: Any = None,
                     expected_shape: Iterable[int] | None = None, expected_dtype: torch.dtype | None = None,
                     kwargs: Mapping[str, Any] | None = None, what: str | None = None) -> _Tensor:
    """Call `fn` with tensors on the `meta` device and check the result follows its inputs there.

    A meta tensor has a shape, a dtype and a device but no data, so no GPU is needed to catch code
    that ignores its input's device (a `torch.zeros(n)` without `device=x.device`, a `.cpu()`, an
    `.item()` or a NumPy round trip).

    fn:             the learner's function (or module) to call.
    shapes:         one per positional argument: a tuple of ints becomes an empty meta tensor of that
                    shape (of `dtype`); a tensor is moved to meta; anything else is passed as is.
    dtype:          the dtype of the meta tensors made from shapes (default float32).
    reference:      optional correct implementation, called the same way first; its result gives the
                    expected shape and dtype. If it fails on meta the check is broken (CheckAuthoringError):
                    use this helper only for operations torch supports on meta.
    expected_shape: the result's shape, when there is no reference.
    expected_dtype: the result's dtype, when there is no reference (default: not checked).
    kwargs:         keyword arguments for both calls (tensors among them are moved to meta too).
    what:           how the call is named in messages (default "name(...)").

    Returns the learner's (meta) result. Fails when the call raises, or the result is not a tensor,
    not on meta, or of the wrong shape or dtype.
    """
    name = what or f"{getattr(fn, '__name__', type(fn).__name__)}(...)"
    args = [_to_meta(a, dtype) for a in shapes]
    kw = {k: _to_meta(v, dtype) if _isinstance(v, _Tensor) else v for k, v in (kwargs or {}).items()}
    if reference is not None:
        try:
            want = reference(*args, **kw)
        except Exception as exc:  # noqa: BLE001 - the author's reference, not the learner's code
            raise CheckAuthoringError(f"expect_meta_call: the reference fails on meta tensors "
                                      f"({type(exc).__name__}: {str(exc)[:200]}).") from exc
        if not _isinstance(want, _Tensor):
            raise CheckAuthoringError("expect_meta_call: the reference does not return a tensor.")
        expected_shape = tuple(want.shape) if expected_shape is None else expected_shape
        expected_dtype = want.dtype if expected_dtype is None else expected_dtype
    described = ", ".join(f"shape {tuple(a.shape)}" if _isinstance(a, _Tensor) else repr(a) for a in args)
    context = (f"{name} with inputs on device 'meta' ({described}): tensors that have a shape and a dtype "
               f"but no data, the way a check can stand in for a GPU.")
    try:
        got = fn(*args, **kw)
    except CheckFailure:
        raise
    except Exception as exc:  # noqa: BLE001 - the learner's code, explained below
        text = (str(exc).strip().splitlines() or [""])[0][:300]
        fail(f"{context}\n  your code raised {type(exc).__name__}{_learner_line(exc)}: {text}",
             hint="every tensor your code makes must follow its input: pass device=x.device (and dtype=x.dtype) "
                  "or use torch.*_like / x.new_*; .item(), .tolist(), .numpy() and .cpu() need real data "
                  "on the CPU and break on any other device.")
        raise AssertionError  # unreachable
    expect_tensor(got, f"the result of {name} on meta inputs")
    if got.device.type != "meta":
        fail(f"{context}\n  the result is on {got.device}, not on meta.",
             hint="the result was made on the default device: create it with device=x.device, "
                  "or with torch.*_like(x) / x.new_*(...).")
    if expected_shape is not None and tuple(got.shape) != tuple(expected_shape):
        fail(f"{context}\n  expected a result of shape {tuple(expected_shape)}\n  got shape {tuple(got.shape)}",
             hint="the result's shape should come from the input's shape (x.shape), not from fixed numbers.")
    if expected_dtype is not None and got.dtype != expected_dtype:
        fail(f"{context}\n  expected a result of dtype {expected_dtype}\n  got dtype {got.dtype}",
             hint="a tensor made without dtype=x.dtype takes the default dtype.")
    return got


def boundary_values(lo: float | None, hi: float | None, *, dtype: torch.dtype = torch.float32,
                    device: str | torch.device = "cpu", nonfinite: bool = False,
                    requires_grad: bool = False) -> _Tensor:
    """A sorted 1-D tensor of values around the stated boundaries `lo` and `hi` (either may be None).

    lo, hi:        the boundaries the docstring states (`lo <= x <= hi`, `x > 0`, ...).
    dtype, device: of the result (the neighbours are exact for that dtype).
    nonfinite:     also include -inf and +inf (and nan last, unsorted), for docstrings that speak of them.
    requires_grad: make the result a leaf that requires grad. Send gradients of both signs back
                   through it (e.g. `out.backward(torch.tensor([1., -1.]).repeat(n)[:n])`): a pullback
                   that keeps only the positive half, or flips a sign, shows only then.

    For each boundary b: a value well outside, the float just outside, b itself, the float just inside;
    and one value between lo and hi. So `x < hi` and `x <= hi`, `clamp` and `where(x > hi, ...)`
    disagree on some element.

        boundary_values(-1, 1) -> [-2, -1.0000001, -1, -0.99999994, 0, 0.99999994, 1, 1.0000001, 2]
    """
    values: list[float] = []
    spread = max(abs((hi if hi is not None else 0.0) - (lo if lo is not None else 0.0)) / 2, 1.0)
    for b, inward in ((lo, 1.0), (hi, -1.0)):
        if b is None:
            continue
        t = torch.tensor(float(b), dtype=dtype)
        below = torch.nextafter(t, torch.tensor(-math.inf, dtype=dtype))
        above = torch.nextafter(t, torch.tensor(math.inf, dtype=dtype))
        values += [float(b) - inward * spread, float(b), float(below), float(above)]
    if lo is not None and hi is not None:
        values.append((float(lo) + float(hi)) / 2)
    elif lo is None and hi is None:
        raise CheckAuthoringError("boundary_values: give lo, hi or both.")
    values = sorted(set(values))
    if nonfinite:
        values = [-math.inf] + values + [math.inf, math.nan]
    out = torch.tensor(values, dtype=dtype, device=device)
    return out.requires_grad_() if requires_grad else out


class _DistractorModel(torch.nn.Module):
    """Linear layers among other modules; built by `model_with_distractors`."""

    def __init__(self, in_features: int, out_features: int, linear_type: type) -> None:
        nn = torch.nn
        super().__init__()
        self.fc1 = linear_type(in_features, 16)
        self.act = nn.ReLU()
        self.block = nn.Sequential(linear_type(16, 8), nn.LayerNorm(8))
        self.conv = nn.Conv2d(1, 2, kernel_size=3, padding=1)
        self.conv_mix = nn.Conv1d(2, 1, kernel_size=1)
        self.norm = nn.BatchNorm1d(8)
        self.embed = nn.Embedding(4, 8)
        self.head = linear_type(8, out_features)
        self.scale = nn.Parameter(torch.ones(8))
        self.register_buffer("offset", torch.zeros(8))

    def forward(self, x: _Tensor) -> _Tensor:
        h = self.block(self.act(self.fc1(x)))                          # (B, 8)
        img = self.conv(h.reshape(-1, 1, 2, 4))                         # (B, 2, 2, 4)
        h = h + self.conv_mix(img.reshape(-1, 2, 8)).reshape(-1, 8)     # (B, 8)
        h = self.norm(h) * self.scale + self.offset + self.embed.weight[0]
        return self.head(h)


def model_with_distractors(target: type = torch.nn.Linear, *, in_features: int = 6, out_features: int = 3,
                           seed: int = 0) -> tuple[torch.nn.Module, list[torch.nn.Module], dict[str, Any]]:
    """A small model that holds `target` modules among others that an answer must leave alone.

    target:       the module type the exercise is about. The model holds three nn.Linear (one
                  nested in an nn.Sequential), two convolutions (nn.Conv2d, nn.Conv1d), an nn.LayerNorm,
                  an nn.BatchNorm1d, an nn.Embedding, an nn.ReLU, a bare nn.Parameter `scale` and a
                  buffer `offset`. Any of those types may be the target.
    in_features:  the width of the input (x has shape (B, in_features)).
    out_features: the width of the output.
    seed:         the parameters are drawn with torch.manual_seed(seed) (the global generator is
                  saved and restored, so building the model does not disturb the check's seed).

    Returns (model, targets, distractors): `targets` lists the modules whose exact type is `target`,
    in model order; `distractors` maps a qualified name ("conv", "block.1", "scale", "offset") to every
    other module that owns parameters or buffers and to the model's own parameter and buffer.
    `model(x)` runs for x of shape (B, in_features), B >= 2 in train() mode. Typical use:

        model, linears, others = model_with_distractors(nn.Linear)
        before = snapshot(others)
        exercise.init_linears(model)
        expect_untouched(others, before, "the modules that are not nn.Linear")
    """
    state = torch.random.get_rng_state()
    try:
        torch.manual_seed(seed)
        linear_type = target if isinstance(target, type) and issubclass(target, torch.nn.Linear) else torch.nn.Linear
        model = _DistractorModel(in_features, out_features, linear_type)
    finally:
        torch.random.set_rng_state(state)
    targets = [m for m in model.modules() if type(m) is target]
    if not targets:
        raise CheckAuthoringError(f"model_with_distractors: the model holds no {target.__name__}.")
    distractors: dict[str, Any] = {}
    for name, m in model.named_modules():
        if m is model or type(m) is target:
            continue
        if any(True for _ in m.parameters(recurse=False)) or any(True for _ in m.buffers(recurse=False)):
            distractors[name] = m
    distractors["scale"] = model.scale
    distractors["offset"] = model.offset
    return model, targets, distractors


def snapshot(obj: Any) -> dict[str, _Tensor]:
    """Detached copies of everything `expect_untouched` compares later.

    obj: an nn.Module (every parameter and buffer, by qualified name), a tensor (under the name ""),
         or a mapping / sequence of those (names prefixed with the key or index, e.g. "conv.weight").
    """
    out: dict[str, _Tensor] = {}

    def add(prefix: str, value: Any) -> None:
        if _isinstance(value, torch.nn.Module):
            for name, t in list(value.named_parameters()) + list(value.named_buffers()):
                out[f"{prefix}{name}"] = t.detach().clone()
        elif _isinstance(value, _Tensor):
            out[prefix.rstrip(".")] = value.detach().clone()
        elif _isinstance(value, Mapping):
            for k, v in value.items():
                add(f"{prefix}{k}.", v)
        elif _isinstance(value, (list, tuple)):
            for i, v in enumerate(value):
                add(f"{prefix}{i}.", v)
        else:
            raise CheckAuthoringError(f"snapshot: cannot snapshot {type(value).__name__}.")

    add("", obj)
    return out


def expect_untouched(obj: Any, before: Mapping[str, _Tensor], what: str = "the model", *,
                     hint: str | None = None) -> None:
    """Fail if any tensor in `obj` differs (bit for bit, nan equal to nan) from `snapshot(obj)` taken earlier.

    obj:    the same module / tensor / collection that was passed to `snapshot`.
    before: what `snapshot(obj)` returned before the learner's code ran.
    what:   how the thing is named in messages ("the Conv2d", "your input x").
    hint:   the likely cause (default: a generic "changed in place" cause).

    Also fails when a parameter or buffer appeared or disappeared, or changed shape or dtype.
    """
    now = snapshot(obj)
    gone = sorted(set(before) - set(now))
    new = sorted(set(now) - set(before))
    label = lambda name: f"{what}: {name}" if name else what  # noqa: E731
    if gone or new:
        fail(f"{what} should be left as it was, but its tensors changed: "
             + (f"gone: {', '.join(gone)}. " if gone else "") + (f"new: {', '.join(new)}." if new else ""),
             hint=hint or "only the parts the exercise names should change.")
    for name, old in before.items():
        cur = now[name]
        if cur.shape != old.shape or cur.dtype != old.dtype:
            fail(f"{label(name)} should be left as it was, but it changed from shape {tuple(old.shape)}, "
                 f"{old.dtype} to shape {tuple(cur.shape)}, {cur.dtype}.",
                 hint=hint or "only the parts the exercise names should change.")
        same = (cur == old) | (torch.isnan(cur) & torch.isnan(old)) if cur.is_floating_point() else cur == old
        if not bool(same.all()):
            changed = int((~same).sum())
            fail(f"{label(name)} should be left as it was, but {changed} of {cur.numel()} values changed.\n"
                 f"  before {tensor_summary(old)}\n  after  {tensor_summary(cur)}",
                 hint=hint or "your code changed it in place (an in-place op such as add_, mul_, [...] = ..., "
                 "or an init function applied to every module), where it should only have read it.")


@contextlib.contextmanager
def expect_module_called(module: torch.nn.Module, what: str | None = None, *, times: int | None = None,
                         hint: str | None = None):
    """Within the block, `module` must be called as a module (`module(x)`), which runs its hooks.

    module: the submodule the rule is about.
    what:   how it is named in messages (default: its class name).
    times:  how many calls exactly (default: at least one).
    hint:   the likely cause (default: `.forward(x)` skips hooks).

    Calling `module.forward(x)` runs the same code but skips forward hooks, so it fails here.
    """
    calls = []
    handle = module.register_forward_hook(lambda m, args, out: calls.append(1))
    try:
        yield
    finally:
        handle.remove()
    name = what or type(module).__name__
    why = hint or f"call the module itself ({name}(x)), not {name}.forward(x): only a call runs its hooks."
    if not calls and times != 0:
        fail(f"{name} was never called as a module.", hint=why)
    if times is not None and len(calls) != times:
        fail(f"{name} was called as a module {len(calls)} time(s); expected {times}.", hint=why)


# -- helpers tracks wrote for themselves, shared here -------------------------------------------------------
__all__ += ["single_thread", "hook_counts", "expect_no_hooks", "state_differences", "Trajectory",
            "expect_same_trajectory", "expect_grads_untouched"]

_allclose = torch.allclose


@contextlib.contextmanager
def single_thread():
    """Within the block, torch uses one intra-op thread (the previous count is put back after).

    Tiny training loops run faster and more steadily on one thread: in a freshly started check
    process with two threads, the first few hundred calls of small ops were measured at 10-20 ms
    each on a loaded 2-core machine (the thread pool starting up).
    """
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(before)


def hook_counts(model: torch.nn.Module) -> dict[str, int]:
    """How many hooks are still registered on each submodule of `model`.

    model: the module to inspect (all of its submodules, itself included).

    Returns {submodule name: number of forward, forward-pre, backward and backward-pre hooks},
    leaving out the submodules that have none; the model itself is named "(the model itself)".
    """
    counts = {}
    for name, m in model.named_modules():
        n = (len(m._forward_hooks) + len(m._forward_pre_hooks) + len(m._backward_hooks)
             + len(getattr(m, "_backward_pre_hooks", {})))
        if n:
            counts[name or "(the model itself)"] = n
    return counts


def expect_no_hooks(model: torch.nn.Module, what: str, *, hint: str | None = None) -> None:
    """Fail when any hook is still registered on `model` or its submodules (a handle never removed).

    model: the module the learner's code registered hooks on.
    what:  the learner's function, as named in the message ("collect_activations(model, x)").
    hint:  the likely cause (default: keep each handle and call .remove() on it).
    """
    left = hook_counts(model)
    if left:
        listed = ", ".join(f"{k}: {v}" for k, v in left.items())
        fail(f"{what}: hooks are still registered on the model afterwards ({listed}).\n"
             "A hook left behind runs on every later forward/backward: it slows training and keeps tensors alive.",
             hint=hint or "keep every handle that register_*_hook returns and call handle.remove() on each.")


@_plain_torch
def state_differences(got: torch.nn.Module, want: torch.nn.Module, exact: bool = True) -> list[str]:
    """The names in `want`'s state_dict (parameters and buffers) whose values `got` does not match.

    got:   the learner's model (or one trained by the learner's loop).
    want:  the reference model, with the same state_dict keys.
    exact: compare bitwise (resuming from a checkpoint, best weights); False allows float rounding
           (rtol 1e-5, atol 1e-6, compared in float64).

    A key missing from `got`, or of another shape, counts as different.
    """
    mine, ref = got.state_dict(), want.state_dict()
    out = []
    for name, value in ref.items():
        other = mine.get(name)
        if other is None or other.shape != value.shape:
            same = False
        elif exact:
            same = _equal(other, value)
        else:
            same = bool(_allclose(other.double(), value.double(), rtol=1e-5, atol=1e-6))
        if not same:
            out.append(name)
    return out


class Trajectory:
    """One run of an update rule (an optimiser) step by step, as `expect_same_trajectory` compares runs.

    params:      the parameters after each step: params[t][i] is parameter i after step t + 1.
    fed:         the .grad each parameter was given before each step (None where it had none).
    grads_after: each parameter's .grad after each step (to see whether a step changed it).
    optimizer:   the optimiser object that ran, if any.
    live:        the parameter tensors themselves, as the optimiser holds them.
    """

    def __init__(self, params: list | None = None, fed: list | None = None, grads_after: list | None = None,
                 optimizer: Any = None, live: list | None = None) -> None:
        self.params: list[list[_Tensor]] = params if params is not None else []
        self.fed: list[list[_Tensor | None]] = fed if fed is not None else []
        self.grads_after: list[list[_Tensor | None]] = grads_after if grads_after is not None else []
        self.optimizer = optimizer
        self.live: list[_Tensor] = live if live is not None else []


def _close_tensor(got: _Tensor, ref: _Tensor, rtol: float, atol: float) -> bool:
    with _no_torch_function():
        return (got.dtype == ref.dtype and got.shape == ref.shape
                and bool(_allclose(got.detach(), ref.detach(), rtol=rtol, atol=atol)))


def _param_name(i: int, p: _Tensor) -> str:
    return f"params[{i}] (shape {tuple(p.shape)})"


def _follows(got: Trajectory, other: Trajectory) -> bool:
    return len(got.params) == len(other.params) and all(
        _close_tensor(g, o, 1e-3, 1e-5) for gs, os_ in zip(got.params, other.params) for g, o in zip(gs, os_))


def expect_same_trajectory(got: Trajectory, ref: Trajectory, what: str, *, rtol: float | None = None,
                           atol: float | None = None, mistakes: Mapping[str, Any] | None = None,
                           start: Any = None, hint_later: str | None = None) -> None:
    """Compare two runs step by step; fail at the first step and parameter that differ.

    got:        the learner's run.
    ref:        the reference run (torch.optim's, or the check's own) over the same gradients.
    what:       the learner's optimiser, as named in the message ("your Adam").
    rtol, atol: tolerances per step (default 1e-3 and 1e-5: measured, every shipped wrong optimiser is
                off by 0.2 or more relative, a correct one by 1e-14 in float64 or 4e-6 in float32).
    mistakes:   {likely cause: the Trajectory that mistake gives, or a function making it (called
                only when the runs differ)}; the message names the one the learner's whole run follows.
    start:      the parameters before the first step: a run that never moved them is explained.
    hint_later: the hint when step 1 matches and a later one does not (default: look at the state
                kept from one step to the next).
    """
    for t in range(len(ref.params)):
        for i, (g, r) in enumerate(zip(got.params[t], ref.params[t])):
            rt, at = 1e-3 if rtol is None else rtol, 1e-5 if atol is None else atol
            if _close_tensor(g, r, rt, at):
                continue
            runs = {cause: m() if callable(m) else m for cause, m in (mistakes or {}).items()}
            # A mistake whose whole run the learner's follows is named first (several can agree on step 1).
            runs = {cause: m for cause, m in runs.items() if _follows(got, m)} or runs
            causes = {cause: m.params[t][i] for cause, m in runs.items()}
            if start is not None:
                causes.setdefault("the parameters never changed: step() is not written yet, or it does not update "
                                  "each p in place (p -= ..., p.add_(...)) under torch.no_grad(); `p = p - ...` "
                                  "only rebinds a local name.", start[i])
            hint = None
            if t > 0:
                hint = hint_later or ("step 1 matches but a later step does not: look at what is kept from one "
                                      "step to the next (the state), and how it is updated.")
            expect_close(g, r, what=f"{_param_name(i, r)} after step {t + 1} of {what}", rtol=rt, atol=at,
                         mistakes=causes, hint=hint)


def expect_grads_untouched(got: Trajectory, what: str) -> None:
    """Fail when a step changed a parameter's .grad (in place, or set it to None): optimisers only read it.

    got:  the learner's run, with `fed` and `grads_after` recorded.
    what: the learner's optimiser, as named in the message.
    """
    for t, (fed, after) in enumerate(zip(got.fed, got.grads_after)):
        for i, (a, b) in enumerate(zip(fed, after)):
            if a is None:
                continue
            if b is None or b.shape != a.shape or not _equal(a, b):
                fail(f"{what}: step {t + 1} changed {_param_name(i, a)}.grad (or set it to None).",
                     hint="step() reads p.grad and leaves it alone, as torch's optimisers do: make a new tensor "
                          "(g = p.grad + wd * p), not an in-place change of p.grad (p.grad.add_(...), g += ...).")
