"""Helpers for the 27_extensions checks: a lasting build cache for load_inline, compiler errors a learner
can read, and a test that a function was written at all (so a pristine file fails before any compile).

Builds live in `<build_root()>/<name>-<hash>`, the hash taken over everything that changes the build
(source, flags, torch and Python versions). A re-check of the same source is a no-op for ninja
(a fraction of a second); a changed source gets its own folder and compiles once. Two checks building
different sources under the same extension name at once (dev check runs them in parallel) never share
a folder, and torch's own file lock orders two builds of the same source.
"""
from __future__ import annotations

import ast
import contextlib
import hashlib
import inspect
import os
import re
import sys
import textwrap
from pathlib import Path

import pytest
import torch
import torch.utils.cpp_extension as cpp_extension

from dlings.needs import data_dir
from dlings.testing import fail

_ORIGINAL_LOAD_INLINE = cpp_extension.load_inline
_SIGNATURE = inspect.signature(_ORIGINAL_LOAD_INLINE)


def build_root() -> Path:
    """TORCH_EXTENSIONS_DIR if set, else ~/.dlings/torch_extensions (beside the data cache, never /tmp)."""
    env = os.environ.get("TORCH_EXTENSIONS_DIR")
    return Path(env) if env else data_dir().parent / "torch_extensions"


def _sources(value) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _key(arguments: dict) -> str:
    parts = [torch.__version__, sys.version.split()[0]]
    for name in sorted(arguments):
        if name in ("verbose", "build_directory"):
            continue
        parts.append(f"{name}={arguments[name]!r}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def compiler_errors(text: str, limit: int = 6) -> str:
    """The compiler's `error` lines from a failed build's message, paths shortened to the file name."""
    lines = []
    for line in text.splitlines():
        if re.search(r"\berror\b", line) and not line.lstrip().startswith(("FAILED:", "ninja:")):
            line = re.sub(r"\S*/(main\.cpp|cuda\.cu)", r"\1", line.strip())
            if line not in lines:
                lines.append(line)
    return "\n".join(f"    {line[:220]}" for line in lines[:limit])


def _prechecks(args: dict) -> None:
    cpp = _sources(args.get("cpp_sources"))
    cuda = _sources(args.get("cuda_sources"))
    if not all(isinstance(s, str) for s in cpp + cuda):
        fail("load_inline(...) got a source that is not a string.",
             hint="cpp_sources (and cuda_sources) take the C++ code itself, as a string or a list of strings.")
    code = "\n".join(cpp + cuda)
    functions = args.get("functions")
    if functions is not None:
        names = [functions] if isinstance(functions, str) else list(functions)
        missing = [n for n in names if not re.search(rf"\b{re.escape(str(n))}\s*\(", code)]
        if missing:
            fail(f"load_inline(..., functions={names!r}) names {', '.join(map(repr, missing))}, which your C++ "
                 "source does not define.",
                 hint="`functions` makes Python bindings for C++ functions of those names; it is not needed for "
                      "ops registered with TORCH_LIBRARY.")
    elif args.get("is_python_module", True) and "PYBIND11_MODULE" not in code:
        fail("load_inline(...) was asked for a Python module (is_python_module=True, its default), but the source "
             "defines no Python functions: it registers operators with TORCH_LIBRARY. Compiling it would end in "
             "an ImportError (\"dynamic module does not define module export function\").",
             hint="a library of TORCH_LIBRARY ops is loaded into torch.ops, not imported: pass "
                  "is_python_module=False.")


def _cached_load_inline(*args, **kwargs):
    try:
        bound = _SIGNATURE.bind(*args, **kwargs)
    except TypeError as exc:
        fail(f"load_inline(...) was called with arguments it does not take: {exc}.",
             hint="read torch.utils.cpp_extension.load_inline's parameters: name, cpp_sources, cuda_sources, ...")
    arguments = dict(bound.arguments)
    _prechecks(arguments)
    if not cpp_extension.is_ninja_available():
        pytest.skip("needs the ninja build tool, which load_inline drives the compiler with (pip install ninja)")
    if arguments.get("build_directory") is None:
        folder = build_root() / f"{arguments['name']}-{_key(arguments)}"
        folder.mkdir(parents=True, exist_ok=True)
        bound.arguments["build_directory"] = str(folder)
    try:
        return _ORIGINAL_LOAD_INLINE(*bound.args, **bound.kwargs)
    except RuntimeError as exc:
        text = str(exc)
        if text.startswith("Error building extension"):
            fail("your C++ did not compile. The compiler said:\n" + (compiler_errors(text) or text[-1500:]),
                 hint="line numbers count lines of the source string load_inline wrote to main.cpp / cuda.cu "
                      "(plus the header lines it adds unless no_implicit_headers=True).")
        raise


@contextlib.contextmanager
def cached_builds():
    """While open, load_inline (however the learner imported it) builds in a lasting, hash-keyed folder."""
    cpp_extension.load_inline = _cached_load_inline
    try:
        yield
    finally:
        cpp_extension.load_inline = _ORIGINAL_LOAD_INLINE


def _is_stub(node: ast.AST) -> bool:
    body = list(getattr(node, "body", []))
    if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant) \
            and isinstance(body[0].value.value, str):
        body = body[1:]  # a docstring
    for stmt in body:
        if isinstance(stmt, ast.Pass):
            continue
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant) and stmt.value.value is Ellipsis:
            continue
        if isinstance(stmt, ast.Raise) and stmt.exc is not None and "NotImplementedError" in ast.unparse(stmt.exc):
            continue
        return False
    return True


def expect_written(func, what: str) -> None:
    """Fail at once (before anything compiles) if `func` is still only `...` / pass / raise NotImplementedError."""
    func = getattr(func, "__func__", func)
    func = getattr(func, "fn", func)  # a Triton kernel: the Python function it was made from
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(func)))
    except (OSError, TypeError, SyntaxError):
        return
    node = tree.body[0] if tree.body else None
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and _is_stub(node):
        fail(f"{what} is not written yet (it holds only the TODO).", hint="finish the TODO in the exercise file.")
