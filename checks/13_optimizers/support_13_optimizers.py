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
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping, Sequence

import torch
import torch.optim._functional

from dlings.testing import calls_in, expect, expect_close, fail, forbid_calls, function_ast

_allclose = torch.allclose

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


@dataclass
class Trajectory:
    params: list[list[torch.Tensor]] = field(default_factory=list)   # after each step
    fed: list[list[torch.Tensor | None]] = field(default_factory=list)  # the .grad given before each step
    grads_after: list[list[torch.Tensor | None]] = field(default_factory=list)
    optimizer: Any = None
    live: list[torch.Tensor] = field(default_factory=list)


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


def close(got: torch.Tensor, ref: torch.Tensor, rtol: float, atol: float) -> bool:
    return (got.dtype == ref.dtype and got.shape == ref.shape
            and bool(_allclose(got.detach(), ref.detach(), rtol=rtol, atol=atol)))


def name_of(i: int, p: torch.Tensor) -> str:
    return f"params[{i}] (shape {tuple(p.shape)})"


def expect_same_trajectory(got: Trajectory, ref: Trajectory, what: str, *, rtol: float | None = None,
                           atol: float | None = None,
                           mistakes: Mapping[str, Trajectory | Callable[[], Trajectory]] | None = None,
                           start: Sequence[torch.Tensor] | None = None, hint_later: str | None = None) -> None:
    """Compare two runs step by step; report the first step and parameter that differ.

    `mistakes` maps a likely cause to the run that mistake gives (or a function making it, called only when
    the runs differ); the message names the one the learner's run follows.
    """
    for t in range(len(ref.params)):
        for i, (g, r) in enumerate(zip(got.params[t], ref.params[t])):
            # Measured: every shipped mistake is off by 0.2 or more (relative) in at least one case, a correct
            # optimiser by 1e-14 (float64) or 4e-6 (float32). A correct Adam that keeps t as a float32 tensor
            # (as torch.optim stores "step") computes 1 - 0.999 ** t in float32 and drifts by up to 5e-4:
            # accepted, since the idea is right.
            d_rtol, d_atol = 1e-3, 1e-5
            rt, at = d_rtol if rtol is None else rtol, d_atol if atol is None else atol
            if close(g, r, rt, at):
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
            expect_close(g, r, what=f"{name_of(i, r)} after step {t + 1} of {what}", rtol=rt, atol=at,
                         mistakes=causes, hint=hint)


def _follows(got: Trajectory, other: Trajectory) -> bool:
    return len(got.params) == len(other.params) and all(
        close(g, o, 1e-3, 1e-5) for gs, os in zip(got.params, other.params) for g, o in zip(gs, os))


def expect_grads_untouched(got: Trajectory, what: str) -> None:
    for t, (fed, after) in enumerate(zip(got.fed, got.grads_after)):
        for i, (a, b) in enumerate(zip(fed, after)):
            if a is None:
                continue
            if b is None or b.shape != a.shape or not torch.equal(a, b):
                fail(f"{what}: step {t + 1} changed {name_of(i, a)}.grad (or set it to None).",
                     hint="step() reads p.grad and leaves it alone, as torch's optimisers do: make a new tensor "
                          "(g = p.grad + wd * p), not an in-place change of p.grad (p.grad.add_(...), g += ...).")


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
