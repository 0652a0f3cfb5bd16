import pytest
import torch
from torch import nn

from dlings.testing import expect, expect_close, expect_device, expect_shape, expect_tensor
from support_05_gpu_basics import call, devices

KEEP_X = ("x.to(device) returns the moved tensor and leaves x alone: keep it (x = x.to(device)); "
          "model.to(device) is the one that moves in place.")


def _case(seed, batch, n_in, n_out):
    torch.manual_seed(seed)
    model = nn.Linear(n_in, n_out).double()
    x = torch.randn(batch, n_in, dtype=torch.float64)
    return model, x


def _run(exercise, model, x, device, what):
    hint = None
    if device == "meta":
        hint = ("the model and x must both be on the device: model.to(device) moves the model in place, but "
                "x.to(device) returns a new tensor that you must keep (x = x.to(device)).")
    return expect_tensor(call(exercise.run_on, model, x, device, what=what, hint=hint), what)


@pytest.mark.parametrize("device", devices())
def test_output_values(exercise, device):
    for seed, (batch, n_in, n_out) in enumerate([(5, 4, 3), (1, 6, 1), (2, 1, 7)]):
        model, x = _case(seed, batch, n_in, n_out)
        want = model(x).detach()
        keep = x.clone()
        what = f"run_on(model, x, {device!r}) for nn.Linear({n_in}, {n_out}) and x of shape {(batch, n_in)}"
        got = _run(exercise, model, x, device, what)
        expect_device(got, device, what, hint="return the model's output on the device; do not move it back.")
        expect_close(got.detach().cpu(), want, what, rtol=1e-6, atol=1e-8)
        expect_close(x, keep, f"the caller's x after {what}", check_device=True,
                     hint="leave the caller's x as it was: x = x.to(device) rebinds your local name only.")


def test_model_moved_in_place_x_left_alone(exercise):
    # "meta" holds shapes but no data: it stands in for a GPU on machines without one
    for spelled in ("meta", torch.device("meta")):
        model, x = _case(3, 4, 5, 2)
        what = f"run_on(model, x, {spelled!r}) for nn.Linear(5, 2) and x of shape (4, 5) on the cpu"
        got = _run(exercise, model, x, spelled, what)
        expect_device(got, "meta", what, hint="return the model's output on the device; do not move it back.")
        expect_shape(got, (4, 2), what)
        for name, p in model.named_parameters():
            expect(p.device.type == "meta",
                   f"after {what}, the caller's model still has its {name} on {p.device}; expected meta.",
                   hint="move the caller's model itself with model.to(device) (in place), not a copy of it.")
        expect(x.device.type == "cpu",
               f"after {what}, the caller's x is on {x.device}; it should still be on the cpu.", hint=KEEP_X)
