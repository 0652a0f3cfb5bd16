"""loop_checkpoint: stop after 3 epochs, save, load into fresh objects, resume:
the result must be BITWISE equal to 5 uninterrupted epochs.

Adam's state (step counts, running averages) and an lr lowered after epoch 2
live in the optimizer's state_dict, so a checkpoint without it resumes
differently. The file must load with weights_only=True (no pickled modules).
"""
import os

import torch
from dlings.testing import expect_equal, fail
from support_14_training_loop import model_differences
from torch import nn

TOTAL, STOP = 5, 3


def _model(seed):
    torch.manual_seed(seed)
    return nn.Sequential(nn.Linear(4, 16), nn.Tanh(), nn.Linear(16, 2))


def _optimizer(model):
    return torch.optim.Adam(model.parameters(), lr=0.05)


def _batches():
    g = torch.Generator().manual_seed(1)
    return [(torch.randn(10, 4, generator=g), torch.randint(0, 2, (10,), generator=g)) for _ in range(3)]


def _epoch(model, opt, epoch):
    for x, y in _batches():
        opt.zero_grad()
        nn.functional.cross_entropy(model(x), y).backward()
        opt.step()
    if epoch == 2:                          # a hand-made schedule: the lr drops after epoch 2
        for group in opt.param_groups:
            group["lr"] = 0.01


def test_resume_is_bitwise_equal(exercise, tmp_path):
    reference = _model(0)
    ref_opt = _optimizer(reference)
    for epoch in range(1, TOTAL + 1):
        _epoch(reference, ref_opt, epoch)

    first = _model(0)
    first_opt = _optimizer(first)
    for epoch in range(1, STOP + 1):
        _epoch(first, first_opt, epoch)
    path = str(tmp_path / "run.pt")
    exercise.save_checkpoint(path, first, first_opt, STOP)
    if not os.path.exists(path):
        fail(f"save_checkpoint(path, model, optimizer, {STOP}) wrote no file at path.",
             hint="finish the TODO: torch.save({...}, path).")
    try:
        torch.load(path, weights_only=True)
    except Exception as exc:  # noqa: BLE001 - any failure to read it is the message
        lines = [ln.strip() for ln in str(exc).splitlines() if "Unsupported global" in ln] or [str(exc)[:200]]
        fail(f"the checkpoint cannot be read with torch.load(path, weights_only=True):\n  {lines[0][:200]}",
             hint="save state dicts and numbers only (model.state_dict(), optimizer.state_dict(), epoch), never "
                  "the model or optimizer objects themselves: a pickled object needs weights_only=False, which "
                  "runs arbitrary code from the file.")

    resumed = _model(99)                    # fresh objects, other initial weights
    resumed_opt = _optimizer(resumed)
    start = exercise.load_checkpoint(path, resumed, resumed_opt)
    expect_equal(start, STOP, f"what load_checkpoint returned for a checkpoint saved after epoch {STOP}",
                 hint="save the epoch number in the dict and return it unchanged.")
    differ = model_differences(resumed, first)
    if differ:
        fail(f"after load_checkpoint, the model it was given does not hold the saved weights ({', '.join(differ)} "
             "differ).", hint="call model.load_state_dict(checkpoint[...]) on the model passed in; building or "
             "returning another model does not change this one.")
    if not resumed_opt.state:
        fail("after load_checkpoint, the optimizer it was given has no state: Adam's step counts and running "
             "averages were not restored, so the resumed run would take different steps.",
             hint="save optimizer.state_dict() and call optimizer.load_state_dict(...) on the optimizer passed in.")
    if resumed_opt.param_groups[0]["lr"] != first_opt.param_groups[0]["lr"]:
        fail(f"after load_checkpoint, the optimizer's lr is {resumed_opt.param_groups[0]['lr']}; it was "
             f"{first_opt.param_groups[0]['lr']} when saved.",
             hint="restore the whole optimizer.state_dict(): the param groups (lr ...) are part of it.")
    for epoch in range(start + 1, TOTAL + 1):
        _epoch(resumed, resumed_opt, epoch)
    differ = model_differences(resumed, reference)
    if differ:
        fail(f"training {STOP} epochs, saving, loading into fresh objects and training to epoch {TOTAL} does not "
             f"give bitwise the weights of {TOTAL} uninterrupted epochs ({', '.join(differ)} differ).",
             hint="everything the run depends on must be in the checkpoint: the model's and the optimizer's "
                  "state dicts.")
