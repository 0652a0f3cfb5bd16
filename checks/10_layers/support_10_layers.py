"""Shared helpers for the 10_layers checks: compare a learner's layer with torch's own."""
from __future__ import annotations

from typing import Any, Callable, Iterable, Mapping

import torch
from torch import nn

from dlings.testing import expect, expect_close, expect_tensor, fail


def build(factory: Callable[[], Any], what: str) -> Any:
    """Call the learner's constructor, turning NotImplementedError/None into a message."""
    obj = factory()
    if obj is None or obj is Ellipsis:
        fail(f"{what} gave None: finish the TODO and return/construct the object.")
    return obj


def expect_module(obj: Any, what: str) -> nn.Module:
    expect(isinstance(obj, nn.Module), f"{what} should be an nn.Module, but it is {type(obj).__name__}.",
           hint="subclass nn.Module and call super().__init__() first in __init__.")
    expect("_parameters" in vars(obj), f"{what} was not initialised as an nn.Module.",
           hint="the first line of __init__ must be super().__init__().")
    return obj


def expect_buffers(module: nn.Module, names: Iterable[str], what: str) -> None:
    """The named tensors must be registered buffers: in state_dict, not in parameters()."""
    params = dict(module.named_parameters())
    buffers = dict(module.named_buffers())
    for name in names:
        if name in params:
            fail(f"{what}.{name} is an nn.Parameter, so an optimizer would train it.",
                 hint="running statistics are not learned: use self.register_buffer(name, tensor).")
        if name not in buffers:
            hint = "use self.register_buffer(name, tensor): a plain attribute tensor is not saved by state_dict()" \
                   " and does not move with .to(device)."
            fail(f"{what}.{name} is not a registered buffer (module.named_buffers() does not list it).", hint=hint)
    keys = set(module.state_dict().keys())
    missing = [n for n in names if n not in keys]
    expect(not missing, f"{what}.state_dict() lacks {missing}.",
           hint="register it with self.register_buffer(name, tensor) (persistent=True, the default).")


def grad_of(t: torch.Tensor) -> torch.Tensor:
    return t.grad if t.grad is not None else torch.zeros_like(t)


def compare_forward_backward(
    mine: Callable[[torch.Tensor], torch.Tensor],
    ref: Callable[[torch.Tensor], torch.Tensor],
    x: torch.Tensor,
    what: str,
    *,
    mine_params: Mapping[str, torch.Tensor] | None = None,
    ref_params: Mapping[str, torch.Tensor] | None = None,
    mistakes: Mapping[str, Any] | None = None,
    grad_input: bool = True,
    rtol: float | None = None,
    atol: float | None = None,
    seed: int = 0,
) -> torch.Tensor:
    """Run both on the same input; compare outputs, then gradients of input and of each named parameter."""
    xa = x.detach().clone().requires_grad_(grad_input and x.is_floating_point())
    xb = x.detach().clone().requires_grad_(grad_input and x.is_floating_point())
    out = mine(xa)
    out = expect_tensor(out, what)
    expected = ref(xb)
    expect_close(out, expected, what, mistakes=mistakes, rtol=rtol, atol=atol)
    expect(out.requires_grad, f"{what} does not require grad: the autograd graph was cut.",
           hint="no .detach(), .item(), .data, torch.no_grad() or numpy round trips in forward.")
    g = torch.Generator().manual_seed(seed)
    upstream = torch.randn(expected.shape, generator=g, dtype=expected.dtype)
    out.backward(upstream)
    expected.backward(upstream)
    if xa.requires_grad:
        expect(xa.grad is not None, f"no gradient reached the input of {what}.",
               hint="the graph from input to output was cut (.detach(), .data, torch.no_grad()).")
        expect_close(xa.grad, xb.grad, f"the gradient of the input through {what}", rtol=rtol, atol=atol)
    for name, p in (mine_params or {}).items():
        q = (ref_params or {})[name]
        if p.grad is None:
            fail(f"{what}: `{name}` got no gradient.",
                 hint="it must be an nn.Parameter used in forward without .detach()/.data.")
        expect_close(p.grad, q.grad, f"the gradient of `{name}` in {what}", rtol=rtol, atol=atol)
    return out


def torch_names(*names: str) -> list[str]:
    """Dotted spellings of torch ops for expect_not_calling, e.g. 'sigmoid' -> torch.sigmoid, F.sigmoid, ...

    Bare names are not banned, so a learner's own helper (tanh calling their sigmoid) stays allowed;
    Tensor methods (x.sigmoid()) are caught at run time by forbid_calls.
    """
    out = []
    for name in names:
        if name[:1].isupper():
            out.append(f"nn.{name}")
        else:
            out += [f"torch.{name}", f"F.{name}", f"functional.{name}", f"special.{name}"]
    return out
