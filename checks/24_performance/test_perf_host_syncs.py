"""Syncs are counted by wrapping the Tensor methods that read values back to Python (item, tolist,
float(), int(), bool(), numpy(); see support_24_performance.count_syncs) while the learner's
train() runs: the same count on every device. count_syncs also notes whether each tensor read still
carries an autograd graph (logged losses kept without detach() hold every step's graph alive).
Values are compared with a reference run from the same weights and batches (SGD with momentum: its
step reads nothing back). Runs on the CPU, and on CUDA too when present.
"""
import copy

import pytest
import torch
from torch import nn

from dlings.testing import expect, expect_close, fail
from support_24_performance import count_syncs, devices

STEPS = 13


def _setup(device):
    g = torch.Generator().manual_seed(0)
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(5, 16), nn.Tanh(), nn.Linear(16, 1)).to(device)
    batches = [(torch.randn(8, 5, generator=g).to(device), torch.randn(8, 1, generator=g).to(device))
               for _ in range(STEPS)]
    return model, batches


def _reference(model, batches, log_every):
    opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    losses = []
    for x, y in batches:
        loss = nn.functional.mse_loss(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(loss.item())
    return losses[::log_every], losses


@pytest.mark.parametrize("device", devices())
@pytest.mark.parametrize("log_every", [4, 1, 20])
def test_train(exercise, device, log_every):
    model, batches = _setup(device)
    ref_model = copy.deepcopy(model)
    expected, every = _reference(ref_model, batches, log_every)
    opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    what = f"train(model, opt, {STEPS} batches, log_every={log_every}) on {device}"
    read_with_graph = []

    with count_syncs(with_graph=read_with_graph) as syncs:
        got = exercise.train(model, opt, batches, log_every)
    if got is None:
        fail(f"{what} returned None.", hint="finish the TODOs and `return` the list of logged losses.")
    if isinstance(got, torch.Tensor):
        fail(f"{what} returned a tensor; a list of Python floats is expected.",
             hint="tensor.tolist() turns the stacked losses into a list of floats (one read-back).")
    expect(isinstance(got, (list, tuple)), f"{what} returned {type(got).__name__}; a list of floats is expected.")
    expect(all(isinstance(v, float) for v in got),
           f"{what} returned a list of {sorted({type(v).__name__ for v in got})}; Python floats are expected.",
           hint="keep the losses as tensors in the loop, stack them at the end, and .tolist() once.")
    n = len(expected)
    total = sum(syncs.values())
    if total > 1:
        shown = ", ".join(f"{k.strip('_')} x{v}" for k, v in sorted(syncs.items()))
        fail(f"{what} read values back to Python {total} times ({shown}); at most once is allowed.",
             hint="each .item() / float(t) / tolist() is a host sync: on a GPU, Python waits for the device every "
                  "time. Keep the logged losses as tensors (loss.detach()) and read them all at the end with one "
                  "torch.stack(...).tolist().")
    if any(read_with_graph):
        fail(f"{what} read back losses that still carry their autograd graph (requires_grad=True).",
             hint="a loss kept without .detach() keeps its step's whole graph (every saved activation) in "
                  "memory until the end of the run: append loss.detach().")
    expect(len(got) == n, f"{what} returned {len(got)} losses; expected {n} (steps 0, {log_every}, ... below "
                          f"{STEPS}).", hint="log when step % log_every == 0, counting steps from 0.")
    shifted = every[log_every - 1::log_every]
    expect_close(torch.tensor(got, dtype=torch.float64), torch.tensor(expected, dtype=torch.float64),
                 what=f"the losses {what} returned", rtol=1e-4, atol=1e-6,
                 mistakes={"those are the losses of steps log_every-1, 2*log_every-1, ...: count steps from 0 "
                           "(step % log_every == 0).": torch.tensor(shifted, dtype=torch.float64)}
                 if len(shifted) == n else {})
    for (name, p), q in zip(model.named_parameters(), ref_model.parameters()):
        expect_close(p.detach(), q.detach(), what=f"parameter {name} after {what}", rtol=1e-4, atol=1e-6,
                     hint="one zero_grad, backward and step per batch, as in the loop given.")
