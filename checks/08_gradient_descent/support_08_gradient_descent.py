"""Helpers shared by the 08_gradient_descent checks."""
from __future__ import annotations

import ast
import contextlib

import torch
from torch.overrides import TorchFunctionMode

from dlings.testing import calls_in, fail, forbid_calls, function_ast
from dlings.testing import single_thread  # noqa: F401 - part of the checking API now

WHY = "this track trains with tensors and autograd only: write the model, the loss and the update yourself."

# Names that give the game away (matched on the last dotted part, as expect_not_calling does).
BANNED_NAMES = ["nn", "optim", "SGD", "Adam", "AdamW", "MSELoss", "BCELoss", "BCEWithLogitsLoss"]
# Matched only as attributes (F.mse_loss), since learners name their own functions like this.
BANNED_ATTRIBUTES = ["mse_loss", "binary_cross_entropy", "binary_cross_entropy_with_logits", "logsigmoid",
                     "softplus", "Linear"]

RUNTIME_BANNED = [
    "torch.optim.SGD", "torch.optim.Adam", "torch.optim.AdamW", "torch.optim.Optimizer.step",
    "torch.nn.Linear", "torch.nn.MSELoss", "torch.nn.BCEWithLogitsLoss", "torch.nn.BCELoss",
    "torch.nn.functional.mse_loss", "torch.nn.functional.binary_cross_entropy",
    "torch.nn.functional.binary_cross_entropy_with_logits", "torch.nn.functional.linear",
    "torch.nn.functional.logsigmoid", "torch.nn.functional.softplus",
]


def expect_no_nn_or_optim(obj) -> None:
    """AST: the learner's code names nothing from torch.nn or torch.optim."""
    used = calls_in(obj)
    for node in ast.walk(function_ast(obj)):
        modules = []
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        for module in modules:
            if module.startswith(("torch.nn", "torch.optim")):
                fail(f"your code imports `{module}`, which this exercise asks you not to use.", hint=WHY)
    for name in sorted(used):
        for ban in BANNED_NAMES:
            if name == ban or name.endswith("." + ban):
                fail(f"your code uses `{name}`, which this exercise asks you not to use.", hint=WHY)
        for ban in BANNED_ATTRIBUTES:
            if name.endswith("." + ban):
                fail(f"your code uses `{name}`, which this exercise asks you not to use.", hint=WHY)


@contextlib.contextmanager
def no_nn_or_optim():
    """Run time: torch.nn / torch.optim helpers raise while the learner's code runs."""
    with forbid_calls(RUNTIME_BANNED, why=WHY):
        yield


def expect_no_data_attribute(obj) -> None:
    for name in sorted(calls_in(obj)):
        if name.endswith(".data"):
            fail(f"your code uses `{name}`.",
                 hint="`.data` hides changes from autograd and can silently break the graph; "
                      "do parameter updates inside `with torch.no_grad():` instead.")


def linear_data(n: int, d: int, seed: int, noise: float = 0.1):
    g = torch.Generator().manual_seed(seed)
    X = torch.randn(n, d, generator=g)
    w_true = torch.randn(d, generator=g)
    b_true = torch.randn((), generator=g)
    y = X @ w_true + b_true + noise * torch.randn(n, generator=g)
    return X, y, w_true, b_true


def blob_data(n: int, seed: int):
    """Two Gaussian blobs in 2-D, centred away from the origin (a bias is needed); labels 0./1."""
    g = torch.Generator().manual_seed(seed)
    y = (torch.rand(n, generator=g) < 0.5).float()
    centres = torch.where(y[:, None] > 0, torch.tensor([4.0, 5.0]), torch.tensor([2.0, 3.0]))
    X = centres + 0.6 * torch.randn(n, 2, generator=g)
    return X, y


def accuracy(X, y, w, b) -> float:
    with torch.no_grad():
        return float((((X @ w + b) > 0).float() == y).float().mean())




def _leaves_of(tensor) -> list:
    """The leaf tensors (requires_grad) that `tensor`'s graph accumulates gradients into."""
    leaves, seen, todo = [], set(), [tensor.grad_fn]
    while todo:
        node = todo.pop()
        if node is None or node in seen:
            continue
        seen.add(node)
        variable = getattr(node, "variable", None)
        if variable is not None:
            leaves.append(variable)
        todo.extend(next_node for next_node, _ in node.next_functions)
    return leaves


class BackwardWatch(TorchFunctionMode):
    """Records every `loss.backward()` the learner's code makes: the loss value, and for each leaf its value and
    whether its .grad already held something (stale gradients) at that moment. Spelling-independent: any loss
    formula, any update and clearing style; torch.autograd.grad is simply not recorded."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[dict] = []

    def __torch_function__(self, func, types, args=(), kwargs=None):
        if func is torch.Tensor.backward and args and isinstance(args[0], torch.Tensor) and args[0].numel() == 1:
            loss = args[0]
            leaves = _leaves_of(loss) if loss.grad_fn is not None else []
            self.calls.append({
                "loss": float(loss.detach()),
                "leaves": [leaf.detach().clone() for leaf in leaves],
                "stale": [leaf.grad is not None and bool((leaf.grad != 0).any()) for leaf in leaves],
            })
        return func(*args, **(kwargs or {}))
