"""Helpers shared by the 07_custom_autograd checks."""
from __future__ import annotations

import re

import torch

from dlings.testing import expect, expect_close, expect_tensor, fail

_ENGINE_ERRORS = [
    (r"returned an incorrect number of gradients \(expected (\d+), got (\d+)\)",
     "backward() must return one gradient per input of forward() (after ctx), in the same order; "
     "return None for inputs that are not tensors or need no gradient."),
    (r"returned an invalid gradient at index (\d+) - got \[([^\]]*)\] but expected shape compatible with \[([^\]]*)\]",
     "a gradient must have the shape of the input it belongs to: check the order of the returned gradients "
     "and any transposes."),
    (r"returned an invalid gradient at index (\d+) - expected (dtype|type|device)",
     "a gradient must have the dtype and device of its input."),
    (r"does not require grad and does not have a grad_fn",
     "the output is not connected to the graph: it was detached, made under no_grad, or built from .data."),
    (r"grad can be implicitly created only for scalar outputs",
     "backward() on a non-scalar: reduce it to one number first, or pass a gradient argument."),
]


def backward_explained(out: torch.Tensor, grad: torch.Tensor | None = None, what: str = "your output") -> None:
    """`out.backward(grad)`, turning autograd-engine errors into a tutor's message."""
    expect_tensor(out, what)
    try:
        out.backward(grad)
    except RuntimeError as exc:
        text = str(exc).split("\n")[0]
        for pattern, cause in _ENGINE_ERRORS:
            if re.search(pattern, text):
                fail(f"backward through {what} failed:\n  {text[:300]}", hint=cause)
        raise


def expect_custom_function(cls, name: str) -> None:
    """`cls` is a subclass of torch.autograd.Function (not an instance, not a plain function)."""
    expect(isinstance(cls, type) and issubclass(cls, torch.autograd.Function),
           f"{name} should be a class that subclasses torch.autograd.Function, but it is {cls!r}.",
           hint="keep `class ...(torch.autograd.Function):` with @staticmethod forward and backward.")


def expect_uses_function(out: torch.Tensor, cls, what: str) -> None:
    """The output's grad_fn comes from the learner's Function (so backward() is theirs)."""
    expect_tensor(out, what)
    fn = out.grad_fn
    expect(fn is not None and type(fn).__name__ == f"{cls.__name__}Backward",
           f"{what} was not produced by {cls.__name__}.apply: its grad_fn is "
           f"{type(fn).__name__ if fn is not None else None}.",
           hint=f"call {cls.__name__}.apply(...), not forward() directly, and do not rebuild the result outside it.")


def ctx_tensor_attributes(out: torch.Tensor) -> list[str]:
    """Names of tensors stored as plain attributes on the ctx (they bypass save_for_backward)."""
    fn = out.grad_fn
    names = []
    for key, value in getattr(fn, "__dict__", {}).items():
        if isinstance(value, torch.Tensor) or (isinstance(value, (tuple, list))
                                               and any(isinstance(v, torch.Tensor) for v in value)):
            names.append(key)
    return names


class SavedBytes:
    """Context manager: the number of bytes autograd saves for backward inside it."""

    def __enter__(self):
        self.bytes = 0
        self.count = 0

        def pack(t):
            self.bytes += t.numel() * t.element_size()
            self.count += 1
            return t

        self._hooks = torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t)
        self._hooks.__enter__()
        return self

    def __exit__(self, *exc):
        return self._hooks.__exit__(*exc)


class FakeCtx:
    """A stand-in ctx to call forward/backward directly with chosen needs_input_grad."""

    def __init__(self, needs_input_grad):
        self.needs_input_grad = tuple(needs_input_grad)
        self._saved = ()

    def save_for_backward(self, *tensors):
        self._saved = tuple(tensors)

    @property
    def saved_tensors(self):
        return self._saved

    def mark_non_differentiable(self, *args):
        pass

    def mark_dirty(self, *args):
        pass

    def set_materialize_grads(self, value):
        pass


def upstream_like(y: torch.Tensor, seed: int = 1) -> torch.Tensor:
    """A non-uniform upstream gradient: catches a backward that ignores grad_output."""
    g = torch.Generator().manual_seed(seed)
    return torch.randn(y.shape, generator=g, dtype=y.dtype)


__all__ = ["backward_explained", "expect_custom_function", "expect_uses_function", "ctx_tensor_attributes",
           "SavedBytes", "FakeCtx", "upstream_like", "expect_close"]
