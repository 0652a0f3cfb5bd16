"""A small training exercise for the runner's own tests: logistic regression whose check streams
its loss and accuracy, declares the accuracy bar, and reports progress.

The pristine file has a learning rate of zero: the loss stays flat at log 2 and the accuracy at chance,
under the bar. The solution crosses it within the first third of the run.
"""

PRISTINE = '''"""fit: train a logistic regression on 2-D points until it separates the two classes.

Write `fit(X, y, steps, on_step)`: plain gradient descent on w (2,) and b (),
binary cross-entropy on `X @ w + b`. Call `on_step(step, w, b)` after every
update. The learning rate below learns nothing: find one that does.

Read: torch.nn.functional.binary_cross_entropy_with_logits
"""
import torch
import torch.nn.functional as F

LR = 0.0  # TODO: a learning rate that learns


def fit(X, y, steps, on_step):
    w = torch.zeros(2, requires_grad=True)
    b = torch.zeros((), requires_grad=True)
    for step in range(steps):
        loss = F.binary_cross_entropy_with_logits(X @ w + b, y)
        loss.backward()
        with torch.no_grad():
            w -= LR * w.grad
            b -= LR * b.grad
            w.grad = None
            b.grad = None
        on_step(step, w.detach(), b.detach())
    return w.detach(), b.detach()
'''

SOLUTION = PRISTINE.replace("LR = 0.0  # TODO: a learning rate that learns", "LR = 0.5")

CHECK = '''import time

import torch
import torch.nn.functional as F

from dlings.testing import expect

STEPS = 60


def test_accuracy_crosses_the_bar(exercise, report):
    g = torch.Generator().manual_seed(0)
    X = torch.randn(400, 2, generator=g)
    y = (X[:, 0] + 0.5 * X[:, 1] > 0).float()
    report.target("accuracy", 0.9, higher_is_better=True)
    accuracy = 0.0

    def measure(step, w, b):
        nonlocal accuracy
        logits = X @ w + b
        accuracy = ((logits > 0).float() == y).float().mean().item()
        report("loss", F.binary_cross_entropy_with_logits(logits, y).item(), step)
        report("accuracy", accuracy, step)

    measure(0, torch.zeros(2), torch.zeros(()))

    def on_step(step, w, b):
        measure(step + 1, w, b)
        report.progress(step + 1, STEPS)
        time.sleep(SLEEP)

    exercise.fit(X, y, STEPS, on_step)
    expect(accuracy >= 0.9, f"after {STEPS} steps the accuracy is {accuracy:.2f}; the bar is 0.90.",
           hint="is the learning rate large enough for the loss to fall?")


SLEEP = 0.01
'''


def add_training_exercise(curriculum, name: str = "fit", dir: str = "02_train", sleep: float = 0.01) -> None:
    """Add the training exercise to a MiniCurriculum (tests/conftest.py)."""
    curriculum.add(name, dir=dir, pristine=PRISTINE, solution=SOLUTION,
                   check=CHECK.replace("SLEEP = 0.01", f"SLEEP = {sleep}"),
                   hints=("the learning rate", "try 0.5"), extra="timeout = 120\n")
