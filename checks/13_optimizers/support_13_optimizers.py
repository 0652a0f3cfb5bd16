"""Helpers shared by the 13_optimizers checks.

The optimisers written from scratch are judged the same way: start two copies
of the same parameters, feed both the same gradient schedule for 20+ steps,
let the learner's optimiser and torch.optim's step, and compare the
parameters after every step. The gradients are

    g_t = curvature * p + noise_t

a quadratic pull towards 0 plus fresh noise each step, so they change sign
from step to step (a momentum buffer that is never reset, or an accumulator
of |g| instead of g*g, shows at once). The three parameters have gradients of
very different sizes (x1, x20, x0.02), so per-coordinate scaling (Adagrad,
RMSprop, Adam) and a misplaced eps both show in the numbers.

Gradients are written into p.grad the way backward() does after
zero_grad(set_to_none=False): in place when p.grad already exists. So a
momentum buffer that IS p.grad (not a copy) is overwritten, as in real use.
"""
from __future__ import annotations

import ast
import contextlib
import importlib
from typing import Any, Callable, Iterable, Mapping, Sequence

import torch
import torch.optim._functional

from dlings.testing import calls_in, expect, fail, forbid_calls, function_ast
# The step-by-step comparison of two runs is part of the checking API (docs/AUTHORING.md).
from dlings.testing import Trajectory, expect_grads_untouched, expect_same_trajectory  # noqa: F401

SHAPES: tuple[tuple[int, ...], ...] = ((3, 4), (5,), ())
SCALES: tuple[float, ...] = (1.0, 20.0, 0.02)

FROM_SCRATCH = "this exercise builds the optimiser from tensor operations; torch.optim is what the check " \
               "compares yours with."
# Names that give the game away (matched as the last dotted part, like expect_not_calling).
BANNED_NAMES = ["optim", "SGD", "Adam", "AdamW", "RMSprop", "Adagrad"]
# At run time: torch's optimisers and their functional forms raise while the learner's code runs.
_CLASSES = ["SGD", "Adam", "AdamW", "RMSprop", "Adagrad"]


def _runtime_banned() -> dict[str, tuple[Any, str]]:
    banned: dict[str, tuple[Any, str]] = {}
    for name in _CLASSES:
        cls = getattr(torch.optim, name)
        banned[f"torch.optim.{name}"] = (torch.optim, name)
        if "step" in vars(cls):   # AdamW inherits Adam's step: patch each function once
            banned[f"torch.optim.{name}.step"] = (cls, "step")
        module = importlib.import_module(f"torch.optim.{name.lower()}")
        banned[f"torch.optim.{name.lower()}.{name.lower()}"] = (module, name.lower())
        banned[f"torch.optim._functional.{name.lower()}"] = (torch.optim._functional, name.lower())
    return banned


def expect_no_torch_optim(obj, *, allow_base: bool = False) -> None:
    """AST: the learner's code names nothing from torch.optim (but torch.optim.Optimizer if allow_base)."""
    banned = BANNED_NAMES if not allow_base else [n for n in BANNED_NAMES if n != "optim"]
    for node in ast.walk(function_ast(obj)):
        modules = []
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules = [node.module] if not (allow_base and node.module == "torch.optim") else \
                [f"torch.optim.{alias.name}" for alias in node.names if alias.name != "Optimizer"]
        for module in modules:
            if module.startswith("torch.optim") and not (allow_base and module == "torch.optim"):
                fail(f"your code imports `{module}`, which this exercise asks you not to use.", hint=FROM_SCRATCH)
    for name in sorted(calls_in(obj)):
        parts = name.split(".")
        after_optim = parts[parts.index("optim") + 1:] if "optim" in parts else []
        if any(name.endswith("." + ban) for ban in banned) or (after_optim and after_optim[0] != "Optimizer"):
            fail(f"your code uses `{name}`, which this exercise asks you not to use.", hint=FROM_SCRATCH)


@contextlib.contextmanager
def no_torch_optim():
    with forbid_calls(_runtime_banned(), why=FROM_SCRATCH):
        yield


# --- the gradient schedule ---------------------------------------------------------------------

def start_params(seed: int, dtype: torch.dtype = torch.float64,
                 shapes: Sequence[tuple[int, ...]] = SHAPES) -> list[torch.Tensor]:
    g = torch.Generator().manual_seed(seed)
    return [torch.randn(s, generator=g, dtype=torch.float64).to(dtype) for s in shapes]


class Schedule:
    """g_t = curvature * p + noise_t for each parameter (see the module docstring)."""

    def __init__(self, seed: int, steps: int, dtype: torch.dtype = torch.float64,
                 shapes: Sequence[tuple[int, ...]] = SHAPES, scales: Sequence[float] = SCALES):
        g = torch.Generator().manual_seed(seed + 1000)
        self.curvature = [((torch.rand(s, generator=g, dtype=torch.float64) + 0.2) * k).to(dtype)
                          for s, k in zip(shapes, scales)]
        self.noise = [[(torch.randn(s, generator=g, dtype=torch.float64) * k).to(dtype)
                       for s, k in zip(shapes, scales)] for _ in range(steps)]

    def grads(self, params: Sequence[torch.Tensor], t: int) -> list[torch.Tensor]:
        return [c * p.detach() + n for c, p, n in zip(self.curvature, params, self.noise[t])]


def feed(params: Sequence[torch.Tensor], grads: Sequence[torch.Tensor], skip: Iterable[int] = ()) -> None:
    """Write the gradients as backward() would: in place into an existing .grad, else a new tensor."""
    skip = set(skip)
    for i, (p, g) in enumerate(zip(params, grads)):
        if i in skip:
            p.grad = None
        elif p.grad is None:
            p.grad = g.clone()
        else:
            p.grad.copy_(g)


def run(make_opt: Callable[[list[torch.Tensor]], Any], params0: Sequence[torch.Tensor], schedule: Schedule,
        steps: int, skip: Mapping[int, Iterable[int]] | None = None, *, learner: bool = False,
        every_step: Callable[[Any, int], None] | None = None) -> Trajectory:
    """Run an optimiser for `steps` steps of `schedule`. skip: {step: [param indices whose grad is None]}."""
    params = [p.detach().clone().requires_grad_() for p in params0]
    guard = no_torch_optim if learner else contextlib.nullcontext
    traj = Trajectory(live=params)
    with guard():
        opt = make_opt(params)
    traj.optimizer = opt
    for t in range(steps):
        if every_step is not None:
            every_step(opt, t)
        feed(params, schedule.grads(params, t), (skip or {}).get(t, ()))
        traj.fed.append([None if p.grad is None else p.grad.detach().clone() for p in params])
        with guard():
            opt.step()
        traj.params.append([p.detach().clone() for p in params])
        traj.grads_after.append([None if p.grad is None else p.grad.detach().clone() for p in params])
    return traj


def run_learner(make_opt, params0, schedule, steps, skip=None, *, what: str, every_step=None) -> Trajectory:
    """run() for the learner's class, with messages for a constructor or step() that is not written yet."""
    def build(params):
        opt = make_opt(params)
        if opt is None or opt is Ellipsis:
            fail(f"{what} gave {opt!r} instead of an optimiser object.")
        expect(callable(getattr(opt, "step", None)), f"{what} has no step() method.",
               hint="keep the class's step(self) method and write its body.")
        return opt

    try:
        return run(build, params0, schedule, steps, skip, learner=True, every_step=every_step)
    except (TypeError, AttributeError) as exc:
        if skip and ("NoneType" in str(exc) or "None" in str(exc)):
            fail(f"{what}: step() raised {type(exc).__name__}: {exc}\n"
                 "while one parameter's .grad was None (a parameter that took no part in the loss).",
                 hint="skip parameters whose .grad is None: `if p.grad is None: continue`.")
        raise


class Stepper:
    """A tiny base for the check's own wrong (and right) reference optimisers: per-parameter state."""

    def __init__(self, params, **hp):
        self.params = list(params)
        self.hp = hp
        self.state: dict[int, dict[str, Any]] = {}

    @torch.no_grad()
    def step(self):
        for i, p in enumerate(self.params):
            if p.grad is None:
                continue
            self.update(p, p.grad, self.state.setdefault(i, {}), **self.hp)

    def update(self, p, g, state, **hp):  # pragma: no cover - overridden
        raise NotImplementedError


def stepper(update: Callable[..., None]) -> Callable[..., Stepper]:
    """Turn update(p, g, state, **hp) into an optimiser class for run()."""
    return type(update.__name__, (Stepper,), {"update": staticmethod(update)})


def wrong_run(update: Callable[..., None], params0, schedule, steps, skip=None, **hp) -> Trajectory:
    cls = stepper(update)
    return run(lambda ps: cls(ps, **hp), params0, schedule, steps, skip)
