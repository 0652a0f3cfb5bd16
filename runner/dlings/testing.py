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
