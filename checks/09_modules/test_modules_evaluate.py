import copy

import torch
from torch import nn

from dlings.testing import expect, expect_close, expect_equal, expect_tensor


def make_model():
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(5, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Dropout(0.5), nn.Linear(8, 3))
    with torch.no_grad():
        model[1].running_mean.normal_()
        model[1].running_var.uniform_(0.5, 2.0)
    return model


def reference(model, x):
    ref = copy.deepcopy(model).eval()
    with torch.no_grad():
        return ref(x)


def test_output_in_eval_mode(exercise):
    torch.manual_seed(1)
    model = make_model().train()
    x = torch.randn(16, 5)
    want = reference(model, x)
    stats = {k: v.clone() for k, v in model.state_dict().items()}
    got = expect_tensor(exercise.predict(model, x), "predict(model, x)")
    expect_close(got, want, "predict(model, x) for a model with BatchNorm and Dropout",
                 hint="call model.eval() before running the model: in training mode Dropout zeroes random "
                 "units and BatchNorm normalises with the batch's statistics.")
    expect(not got.requires_grad, "predict(model, x) returned a tensor that requires grad: a graph was recorded.",
           hint="run the model inside `with torch.no_grad():` (eval() alone does not stop gradient tracking).")
    for key, value in model.state_dict().items():
        expect_close(value, stats[key], f"model.state_dict()[{key!r}] after predict",
                     hint="predict changed the BatchNorm running statistics: in training mode every forward pass "
                     "updates them. Call model.eval() first.")


def test_mode_is_restored(exercise):
    torch.manual_seed(3)
    x = torch.randn(4, 5)
    for mode in [True, False]:
        model = make_model().train(mode)
        exercise.predict(model, x)
        expect_equal(model.training, mode,
                     f"model.training after predict on a model that was in {'training' if mode else 'eval'} mode",
                     hint="remember `was = model.training` before model.eval(), and call model.train(was) at the "
                     "end (model.train() alone would switch an eval model to training).")
        for name, sub in model.named_children():
            expect_equal(sub.training, mode, f"model[{name}].training after predict",
                         hint="model.train(mode) sets the mode of every submodule too.")
