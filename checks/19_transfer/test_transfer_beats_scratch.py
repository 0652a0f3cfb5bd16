"""transfer_beats_scratch: the learner's recipe run twice, pretrained and from scratch, on the same 40 labelled
images of shapes classes 6-9 with the same budget (30 full-batch Adam steps, lr 1e-3).

Measured on 2 cores, one thread (labelled sets of seeds 0-3): pretrained 90-97 % test accuracy,
from scratch 31-55 %; about 0.4 s of CPU per run. Bars: pretrained at least 80 % on each of two
labelled sets, and at least 20 points above the run from scratch.
"""
import torch
from torch import nn

from dlings import data
from dlings.testing import expect, expect_shape, expect_tensor, fail
from support_19_transfer import accuracy, expect_module, new_task

STEPS = 30
N_LABELLED = 40
BAR = 0.80
MARGIN = 0.20


class _Budget:
    """Counts forward passes of any ShapesCNN made while gradients are on (training steps)."""

    def __init__(self):
        self.calls = 0

    def __call__(self, module, args, output):
        if isinstance(module, data.ShapesCNN) and torch.is_grad_enabled():
            self.calls += 1


def _run(exercise, x, y, pretrained, seed):
    what = f"train_small(x, y, num_classes=4, steps={STEPS}, pretrained={pretrained})"
    torch.manual_seed(seed)
    budget = _Budget()
    handle = nn.modules.module.register_module_forward_hook(budget)
    try:
        model = expect_module(exercise.train_small(x, y, 4, STEPS, pretrained), what)
    finally:
        handle.remove()
    expect(budget.calls <= STEPS, f"{what} ran the model forward {budget.calls} times with gradients on; the budget "
                                  f"is {STEPS} steps, one forward pass over the whole labelled set each.",
           hint="train for exactly `steps` steps: the comparison is only fair with the same budget for both.")
    expect(budget.calls > 0, f"{what} never ran the network forward with gradients on: it did not train.")
    out = expect_tensor(model(x[:3]), f"the model returned by {what}, on 3 images")
    expect_shape(out, (3, 4), f"the output of the model returned by {what}, for 3 images",
                 hint="give the model a new head with num_classes outputs; the pretrained head still predicts the "
                      "six pretraining classes.")
    return model, what


def test_transfer_beats_training_from_scratch(exercise, report):
    xt, yt = new_task(600, split="test")
    report.target("pretrained_accuracy", BAR)
    for k, seed in enumerate((0, 1)):
        x, y = new_task(N_LABELLED, seed=seed)
        scratch, what_s = _run(exercise, x, y, False, seed)
        acc_scratch = accuracy(scratch, xt, yt)
        report("scratch_accuracy", acc_scratch, k)
        transfer, what_t = _run(exercise, x, y, True, seed)
        acc = accuracy(transfer, xt, yt)
        report("pretrained_accuracy", acc, k)
        if acc < BAR:
            fail(f"with labelled set {k + 1} of 2, {what_t} gets {acc:.1%} of the test images right; the bar is "
                 f"{BAR:.0%} (the reference: 90-97 %). From scratch your function got {acc_scratch:.1%}.",
                 hint="with pretrained=True start from data.pretrained_backbone() (not data.ShapesCNN()), and train "
                      "every parameter, the new head included, with Adam lr 1e-3.")
        expect(acc >= acc_scratch + MARGIN,
               f"with labelled set {k + 1} of 2, pretrained {acc:.1%} vs from scratch {acc_scratch:.1%}: the "
               f"pretrained run should win by at least {MARGIN * 100:.0f} points (the reference: by 40-65).",
               hint="with pretrained=False start from random weights, data.ShapesCNN(); from data.pretrained_backbone() "
                    "it is not training from scratch." if acc_scratch >= BAR else
                    "both runs use the same recipe: Adam lr 1e-3 on every parameter, `steps` full-batch steps.")
