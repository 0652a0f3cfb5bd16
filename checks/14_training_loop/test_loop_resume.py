"""loop_resume: stop after 2 of 4 epochs, save, scramble every random generator,
load into fresh objects, finish: the weights must be BITWISE those of the
uninterrupted run.

The run draws from torch's global RNG (Dropout, DataLoader shuffling) and from
Python's random (a brightness augmentation), and uses SGD momentum and a
StepLR schedule, so leaving out any one of the six pieces changes the result;
each is also checked on its own right after load_state, to name what is
missing.
"""
import os
import random

import torch
from dlings import data
from dlings.testing import expect_equal, fail
from support_14_training_loop import model_differences
from torch import nn

TOTAL, STOP = 4, 2


def _objects():
    model = nn.Sequential(nn.Linear(2, 32), nn.ReLU(), nn.Dropout(0.2), nn.Linear(32, 2))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=1, gamma=0.7)
    loader = torch.utils.data.DataLoader(data.moons(160, seed=0), batch_size=32, shuffle=True)
    return model, optimizer, scheduler, loader


def _epoch(model, optimizer, scheduler, loader):
    model.train()
    for x, y in loader:
        optimizer.zero_grad()
        nn.functional.cross_entropy(model(x * random.uniform(0.8, 1.2)), y).backward()
        optimizer.step()
    scheduler.step()


def test_resume_is_bitwise_equal(exercise, tmp_path):
    torch.manual_seed(0)
    random.seed(0)
    reference = _objects()
    for _ in range(TOTAL):
        _epoch(*reference)

    torch.manual_seed(0)
    random.seed(0)
    first = _objects()
    for _ in range(STOP):
        _epoch(*first)
    torch_state, python_state = torch.get_rng_state(), random.getstate()
    path = str(tmp_path / "state.pt")
    exercise.save_state(path, *first[:3], STOP)
    if not os.path.exists(path):
        fail(f"save_state(path, model, optimizer, scheduler, {STOP}) wrote no file at path.",
             hint="finish the TODO: torch.save({...}, path).")
    try:
        torch.load(path, weights_only=True)
    except Exception as exc:  # noqa: BLE001 - any failure to read it is the message
        lines = [ln.strip() for ln in str(exc).splitlines() if "Unsupported global" in ln] or [str(exc)[:200]]
        fail(f"the file cannot be read with torch.load(path, weights_only=True):\n  {lines[0][:200]}",
             hint="save state dicts, tensors, numbers and tuples only: torch.get_rng_state() is a tensor, "
                  "random.getstate() a tuple. (numpy's state holds arrays: it needs weights_only=False; this "
                  "run does not use numpy.)")

    torch.manual_seed(12345)                # another program ran in between
    random.seed(12345)
    resumed = _objects()
    start = exercise.load_state(path, *resumed[:3])
    expect_equal(start, STOP, f"what load_state returned for a file saved after epoch {STOP}",
                 hint="save the epoch number and return it unchanged.")
    model, optimizer, scheduler, _ = resumed
    differ = model_differences(model, first[0])
    if differ:
        fail(f"after load_state, the model does not hold the saved weights ({', '.join(differ)} differ).",
             hint="model.load_state_dict(...) on the model passed in.")
    if not optimizer.state:
        fail("after load_state, the optimizer has no momentum buffers: its state_dict was not restored.",
             hint="save optimizer.state_dict(); optimizer.load_state_dict(...) on the optimizer passed in.")
    if scheduler.last_epoch != first[2].last_epoch or optimizer.param_groups[0]["lr"] != first[1].param_groups[0]["lr"]:
        fail(f"after load_state, the schedule is at step {scheduler.last_epoch} with lr "
             f"{optimizer.param_groups[0]['lr']:.4g}; when saved it was at step {first[2].last_epoch} with lr "
             f"{first[1].param_groups[0]['lr']:.4g}.",
             hint="save scheduler.state_dict() too, and load it AND the optimizer's state dict: the lr lives in the "
                  "optimizer's param groups, the step count in the scheduler.")
    if not torch.equal(torch.get_rng_state(), torch_state):
        fail("after load_state, torch's global random generator is not where it was when the state was saved: "
             "Dropout masks and the DataLoader's shuffling would differ from the uninterrupted run.",
             hint="save torch.get_rng_state() and call torch.set_rng_state(...) with it in load_state.")
    if random.getstate() != python_state:
        fail("after load_state, Python's random generator is not where it was when the state was saved: "
             "the augmentation (random.uniform) would draw other numbers.",
             hint="save random.getstate() and call random.setstate(...) with it in load_state.")
    for _ in range(start, TOTAL):
        _epoch(*resumed)
    differ = model_differences(model, reference[0])
    if differ:
        fail(f"the resumed run does not end bitwise equal to {TOTAL} uninterrupted epochs ({', '.join(differ)} "
             "differ).", hint="load_state should restore the state dicts and the random states, and change "
                              "nothing else (no extra random draws after setting the generators).")
