"""4 classes of 16x16 shapes, 1280 training and 500 test images, a 3-conv CNN (8/16/16 channels) with BatchNorm,
one thread. Measured (reference, 4 epochs): bfloat16 autocast 0.89 test accuracy in 0.7 s of CPU time; the same
loop in float32 0.906. Bar 0.75. The check trains on one thread: with two, on a loaded 2-core machine, the
bfloat16 run took 7x the CPU time (86 s instead of 14 s wall). The hooks fail at the first forward that is not bfloat16 autocast (fast), and the
loss must have fallen by a quarter after the first epoch."""
import numbers

import torch
from torch import nn

from dlings import data
from dlings.testing import expect, fail
from support_16_mixed_precision import call

EPOCHS, BAR, N = 4, 0.75, 1280
BATCHES = N // 64


def _net():
    torch.manual_seed(0)
    return nn.Sequential(
        nn.Conv2d(3, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(8, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 16, 3, padding=1), nn.ReLU(), nn.AdaptiveMaxPool2d(1), nn.Flatten(), nn.Linear(16, 4))


def test_fit_reaches_the_float32_bar(exercise, report):
    train = data.shapes(N, size=16, classes=4, seed=0)
    test = data.shapes(500, size=16, classes=4, split="test", seed=0)
    model = _net()
    steps = []

    def watch(module, args, out):
        if not torch.is_grad_enabled():
            return
        if module.weight.dtype != torch.float32:
            fail(f"during fit, the model's weights are {module.weight.dtype}; they must stay float32.",
                 hint="autocast casts copies for each op; model.to(torch.bfloat16) converts the weights themselves.")
        if out.dtype != torch.bfloat16:
            fail(f"during fit, a training forward ran in {out.dtype}; under bfloat16 autocast the layers give "
                 "torch.bfloat16.", hint='put the forward and the loss inside torch.autocast("cpu", '
                                          "dtype=torch.bfloat16).")
        steps.append(1)
        report.progress(len(steps) // 4, EPOCHS * BATCHES)

    handles = [m.register_forward_hook(watch) for m in model.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    what = f"fit(model, train, epochs={EPOCHS})"
    report.target("test accuracy", BAR)
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # bfloat16 on a CPU without bf16 instructions: a second thread mostly spins
    try:
        losses = call(exercise.fit, model, train, EPOCHS, what=what)
    finally:
        torch.set_num_threads(threads)
        for h in handles:
            h.remove()
    if losses is None or losses is Ellipsis:
        fail(f"{what} returned {losses!r}.", hint="finish the TODO and `return` the list of mean epoch losses.")
    expect(isinstance(losses, (list, tuple)) and len(losses) == EPOCHS
           and all(isinstance(v, numbers.Real) and not isinstance(v, bool) for v in losses),
           f"{what} should return {EPOCHS} Python floats (one mean loss per epoch); it returned {str(losses)[:120]}.",
           hint="append total / count (from loss.item()) once per epoch.")
    for i, v in enumerate(losses):
        report("train loss", float(v), i)
    expect(steps, f"{what} never trained the model.", hint="finish the TODO.")
    expect(len(steps) == EPOCHS * BATCHES * 4,
           f"{what} ran {len(steps) // 4} training forwards; {EPOCHS} epochs of {N} images in batches of 64 are "
           f"{EPOCHS * BATCHES}.", hint="one forward per batch of train.batches(64, seed=epoch), for each epoch.")
    model.eval()
    with torch.no_grad():
        acc = (model(test.x).argmax(1) == test.y).float().mean().item()
    report("test accuracy", acc, EPOCHS)
    expect(losses[-1] < 0.75 * losses[0],
           f"{what}: the mean training loss went {', '.join(f'{v:.3f}' for v in losses)}; it should fall by a "
           "quarter or more.", hint="zero the gradients every step, and step the optimizer after backward.")
    expect(acc >= BAR, f"after {what} the test accuracy is {acc:.3f}; float32 training reaches about 0.9, the bar "
           f"is {BAR}.", hint="Adam lr=1e-2, model.train(), zero_grad each step; the loss inside the autocast block.")
