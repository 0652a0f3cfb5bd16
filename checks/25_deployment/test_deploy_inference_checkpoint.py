import torch
import torch.serialization
from torch import nn

from dlings.testing import expect, expect_close, expect_tensor, fail


def build():
    return nn.Sequential(nn.Linear(4, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Dropout(0.5), nn.Linear(8, 3))


def checkpoint(path):
    """A trained model's checkpoint as a GPU machine writes it (every tensor tagged "cuda:0")."""
    torch.manual_seed(0)
    model = build()
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    for _ in range(3):
        opt.zero_grad()
        model(torch.randn(16, 4)).square().mean().backward()
        opt.step()
    ckpt = {"model": model.state_dict(), "optimizer": opt.state_dict(), "epoch": 3}
    tag = torch.serialization.location_tag
    torch.serialization.location_tag = lambda storage: "cuda:0"
    try:
        torch.save(ckpt, path)
    finally:
        torch.serialization.location_tag = tag
    return model.eval()


def loaded(exercise, tmp_path):
    trained = checkpoint(tmp_path / "ckpt.pt")
    torch.manual_seed(1)
    fresh = build().train()
    what = "load_for_inference(path, model)"
    try:
        got = exercise.load_for_inference(str(tmp_path / "ckpt.pt"), fresh)
    except RuntimeError as e:
        msg = str(e)
        if "deserialize object on a CUDA device" in msg:
            fail(f"{what} raised RuntimeError: {msg.splitlines()[0]}",
                 hint="the checkpoint was saved on a GPU: torch.load(path, map_location='cpu').")
        if "state_dict" in msg:
            fail(f"{what} raised RuntimeError: {msg.splitlines()[0]}",
                 hint="the checkpoint is a dict {'model': ..., 'optimizer': ..., 'epoch': ...}; "
                      "load_state_dict wants only its 'model' entry.")
        raise
    expect(got is not None, f"{what} returned None.", hint="finish the TODO and `return` the model.")
    expect(isinstance(got, nn.Module), f"{what} should return the model, not a {type(got).__name__}.")
    return trained, got


def test_weights_and_eval_mode(exercise, tmp_path):
    trained, got = loaded(exercise, tmp_path)
    for key, value in trained.state_dict().items():
        expect_close(got.state_dict()[key], value, f"{key} of the model load_for_inference returned",
                     hint="copy the checkpoint's 'model' entry into the model with load_state_dict.")
    training = [name or "the model" for name, m in got.named_modules() if m.training]
    expect(not training, f"The model load_for_inference returned is still in training mode ({', '.join(training)}).",
           hint="Dropout would drop units at random and BatchNorm would use the batch's statistics: call model.eval().")


def test_predict(exercise, tmp_path):
    trained, got = loaded(exercise, tmp_path)
    x = torch.randn(5, 4)
    grad_mode = []
    handle = got.register_forward_hook(lambda m, i, o: grad_mode.append(torch.is_grad_enabled()))
    try:
        out = exercise.predict(got, x)
    finally:
        handle.remove()
    expect_tensor(out, "predict(model, x)")
    expect(not any(grad_mode),
           "predict(model, x) ran the model with autograd on: the graph was recorded, then thrown away.",
           hint=".detach() after the forward pass is too late (the memory for backward was already kept): "
                "run the model inside `with torch.no_grad():` (or torch.inference_mode()).")
    expect(out.grad_fn is None and not out.requires_grad,
           f"predict(model, x) recorded an autograd graph (its result has grad_fn={type(out.grad_fn).__name__}).",
           hint="run the model inside `with torch.no_grad():` (or torch.inference_mode()).")
    with torch.no_grad():
        want = trained(x)
    expect_close(out, want, "predict(model, x) on the loaded model")
    one = exercise.predict(got, x[:1])
    expect_close(one, want[:1], "predict(model, x) for a batch of one sample",
                 hint="a batch of one works in eval mode only: BatchNorm in training mode cannot normalise one sample.")
