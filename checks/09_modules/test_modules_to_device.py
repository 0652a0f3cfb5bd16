import torch
from torch import nn

from dlings.testing import expect, expect_close, expect_device, expect_dtype, expect_shape, expect_tensor, fail


def make():
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4), nn.ReLU(), nn.Linear(4, 2))
    batch = {"inputs": torch.randn(6, 3), "labels": torch.tensor([0, 1, 1, 0, 1, 0])}
    return model, batch


def _call(exercise, model, batch, device, dtype, what):
    got = exercise.prepare(model, dict(batch), device, dtype)
    if not isinstance(got, (tuple, list)) or len(got) != 3:
        fail(f"{what} should return (model, inputs, labels), but it returned {type(got).__name__}.",
             hint="the function still returns None: finish the TODO and `return model, inputs, labels`."
             if got is None else "return the three: `return model, inputs, labels`.")
    returned, inputs, labels = got
    return returned, expect_tensor(inputs, f"inputs from {what}"), expect_tensor(labels, f"labels from {what}")


def _expect_model(model, device, dtype, what):
    for name, t in list(model.named_parameters()) + list(model.named_buffers()):
        expect_device(t, device, f"{name} of the model after {what}", hint=(
            "the model was not moved: model.to(device, dtype) converts it (a Module converts in place)."))
        integer = name.endswith("num_batches_tracked")  # the model's one integer buffer (a step count)
        want = torch.int64 if integer else dtype
        expect_dtype(t, want, f"{name} of the model after {what}",
                     hint="integer buffers stay integers: model.to(device, dtype) converts only the floating-point "
                          "tensors; casting every tensor by hand turns the step count into a float." if integer else
                          "pass the dtype too: model.to(device=device, dtype=dtype).")


def test_on_another_device_in_float64(exercise):
    model, batch = make()
    what = "prepare(model, batch, 'meta', torch.float64)"  # 'meta' has shapes but no data: it stands in for a GPU
    returned, inputs, labels = _call(exercise, model, batch, "meta", torch.float64, what)
    expect(returned is model, f"{what} returned another model object, not the model it was given.",
           hint="Module.to converts the model in place and returns it: model.to(...) is enough (no copy).")
    _expect_model(model, "meta", torch.float64, what)
    expect_device(inputs, "meta", f"inputs from {what}", hint=(
        "Tensor.to RETURNS a converted tensor and leaves the original alone: inputs = batch['inputs'].to(...)."))
    expect_dtype(inputs, torch.float64, f"inputs from {what}", hint="pass the dtype too: .to(device=device, dtype=dtype).")
    expect_shape(inputs, (6, 3), f"inputs from {what}")
    expect_device(labels, "meta", f"labels from {what}", hint=(
        "Tensor.to RETURNS a converted tensor and leaves the original alone: labels = batch['labels'].to(device)."))
    expect_dtype(labels, torch.int64, f"labels from {what}", hint=(
        "labels are class indices and must stay int64 (losses such as cross_entropy insist): move them with "
        ".to(device) only, without the float dtype."))
    out = model(inputs)
    expect_shape(out, (6, 2), f"model(inputs) after {what}")


def test_values_survive(exercise):
    model, batch = make()
    before = {k: v.clone() for k, v in model.state_dict().items()}
    what = "prepare(model, batch, 'cpu', torch.float64)"
    returned, inputs, labels = _call(exercise, model, batch, "cpu", torch.float64, what)
    _expect_model(model, "cpu", torch.float64, what)
    for key, value in model.state_dict().items():
        expect_close(value, before[key].to(value.dtype), f"{key} of the model after {what}")
    expect_close(inputs, batch["inputs"].double(), f"inputs from {what}")
    expect_close(labels, batch["labels"], f"labels from {what}")
    model.eval()
    with torch.no_grad():
        expect_dtype(model(inputs), torch.float64, f"model(inputs) after {what}")
