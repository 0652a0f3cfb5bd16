"""loop_overfit_batch: a healthy model memorises one batch, a broken one cannot.

Measured: the healthy MLP falls below 0.01 at step 87 (lr 1e-2) and at step
28 (lr 3e-2); the softmax-before-CrossEntropy model stays at 0.74 and the
model with a detached body at 0.3 through 150 steps. The losses must match
the reference step by step (Adam, deterministic).
"""
import torch
from dlings.testing import expect, fail
from support_14_training_loop import first_difference, float_list, fmt
from torch import nn

MAX_STEPS = 150
TARGET = 0.01


class DetachedBody(nn.Module):
    """A bug: the hidden layer's output is detached, so only the last layer learns."""

    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(8, 6), nn.ReLU())
        self.head = nn.Linear(6, 4)

    def forward(self, x):
        return self.head(self.body(x).detach())


MODELS = {
    "a healthy MLP": lambda: nn.Sequential(nn.Linear(8, 32), nn.ReLU(), nn.Linear(32, 4)),
    "an MLP ending in Softmax (so CrossEntropyLoss gets probabilities)":
        lambda: nn.Sequential(nn.Linear(8, 32), nn.ReLU(), nn.Linear(32, 4), nn.Softmax(dim=1)),
    "a model whose hidden layer is detached": DetachedBody,
}


def _batch():
    g = torch.Generator().manual_seed(0)
    return torch.randn(16, 8, generator=g), torch.randint(0, 4, (16,), generator=g)


def _reference(make, lr, variant="right"):
    torch.manual_seed(0)
    model = make()
    x, y = _batch()
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    losses = []
    for _ in range(MAX_STEPS):
        if variant == "fresh_optimizer":
            opt = torch.optim.Adam(model.parameters(), lr=lr)
        opt.zero_grad()
        loss = nn.functional.cross_entropy(model(x), y)
        losses.append(loss.item())
        if losses[-1] < TARGET and variant != "no_early_stop":
            return True, losses
        loss.backward()
        opt.step()
    return (losses[-1] < TARGET), losses


CAUSES = {
    "fresh_optimizer": "a new Adam was made at every step, so its running averages restarted each time: make the "
                       "optimizer once, before the loop.",
    "no_early_stop": "the loop ran all max_steps steps: stop as soon as a recorded loss is below target.",
}


def _run(exercise, name, lr):
    torch.manual_seed(0)
    model = MODELS[name]()
    x, y = _batch()
    result = exercise.overfit_one_batch(model, nn.CrossEntropyLoss(), x, y, lr, MAX_STEPS, TARGET)
    if result is None or result is Ellipsis:
        fail("overfit_one_batch(...) returned None; it should return (passed, losses).",
             hint="finish the TODO: return True, losses as soon as a loss is below target; False, losses after "
                  "max_steps steps.")
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        fail(f"overfit_one_batch(...) should return a pair (passed, losses), got {type(result).__name__}.")
    passed, losses = result
    if isinstance(passed, torch.Tensor) and passed.numel() == 1:
        passed = bool(passed)
    expect(isinstance(passed, bool), f"passed should be True or False, got {type(passed).__name__} {passed!r:.40}.")
    return passed, float_list(losses, "the losses from overfit_one_batch")


def _check(exercise, name, lr, report=None):
    passed, losses = _run(exercise, name, lr)
    want_passed, want = _reference(MODELS[name], lr)
    call = f"overfit_one_batch on {name} (lr={lr}, max_steps={MAX_STEPS}, target={TARGET})"
    if report is not None:
        for i, v in enumerate(losses):
            report(f"loss, lr {lr}", v, i)
        report.target(f"loss, lr {lr}", TARGET, higher_is_better=False)
    i = first_difference(losses, want, rel=1e-4, abs_=1e-6)
    if i is not None:
        cause = next((CAUSES[v] for v in CAUSES if first_difference(losses, _reference(MODELS[name], lr, v)[1],
                                                                    rel=1e-4, abs_=1e-6) is None), None)
        if cause is None and len(losses) == len(want) + 1 and first_difference(losses[:-1], want) is None:
            cause = "the loop stopped one step late: test the loss you just recorded, before the update."
        if cause is None and len(losses) == len(want) - 1 and first_difference(losses, want[:-1]) is None:
            cause = ("the loop stopped one step early, on a loss it never recorded (a second forward pass after "
                     "the update?): test the loss you just recorded.")
        if cause is None and i == 0:
            cause = "the very first loss differs: compute loss_fn(model(x), y) on the batch you were given."
        fail(f"{call} recorded {len(losses)} losses {fmt(losses)}; the reference records {len(want)}: {fmt(want)}"
             f" (first difference at step {i}{f': {losses[i]:.5g} vs {want[i]:.5g}' if i < min(len(losses), len(want)) else ''}).",
             hint=cause or "make Adam(model.parameters(), lr=lr) once; each step: zero_grad, loss, record "
                           "loss.item(), stop if below target, else backward and step.")
    if passed != want_passed:
        fail(f"{call} returned passed={passed}; its lowest loss was {min(losses):.4g} "
             f"({'below' if want_passed else 'never below'} the target {TARGET}).",
             hint="passed means: some recorded loss fell below target. Not 'the loss went down'.")


def test_healthy_model_memorises_the_batch(exercise, report):
    _check(exercise, "a healthy MLP", 1e-2, report)
    _check(exercise, "a healthy MLP", 3e-2)


def test_broken_models_are_caught(exercise):
    for name in list(MODELS)[1:]:
        _check(exercise, name, 1e-2)
