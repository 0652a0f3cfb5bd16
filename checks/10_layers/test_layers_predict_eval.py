import copy

import torch
from torch import nn

from dlings.testing import expect, expect_close, expect_equal, expect_tensor


def make_model():
    torch.manual_seed(0)
    net = nn.Sequential(nn.Linear(4, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Dropout(0.5), nn.Linear(8, 3))
    with torch.no_grad():  # give BatchNorm non-trivial running statistics
        net.train()
        for _ in range(5):
            net(torch.randn(16, 4) * 2 + 1)
    return net


def test_eval_output_and_nothing_changed(exercise):
    net = make_model()
    reference = copy.deepcopy(net).eval()
    g = torch.Generator().manual_seed(1)
    x = torch.randn(6, 4, generator=g)
    net.train()
    before = {k: v.clone() for k, v in net.state_dict().items()}
    got = expect_tensor(exercise.predict(net, x), "predict(model, x)")
    with torch.no_grad():
        want = reference(x)
    changed = [k for k, v in net.state_dict().items() if not torch.equal(v, before[k])]
    expect(not changed, f"predict(model, x) changed the model's state: {changed}.",
           hint="in training mode BatchNorm updates its running statistics on every forward: call model.eval() first.")
    expect_close(got, want, "predict(model, x)",
                 hint="the output should be the model's eval-mode output: deterministic, dropout off, "
                      "BatchNorm using its running statistics.")
    again = exercise.predict(net, x)
    expect_close(again, got, "a second predict(model, x) on the same x",
                 hint="eval mode makes the output deterministic: dropout must be off.")
    expect(not got.requires_grad, "predict(model, x) returned a tensor that requires grad: a graph was built.",
           hint="run the forward pass inside `with torch.no_grad():` (or torch.inference_mode()).")


def test_mode_is_restored(exercise):
    net = make_model()
    x = torch.randn(2, 4)
    net.train()
    exercise.predict(net, x)
    expect_equal(net.training, True, "model.training after predict() on a model that was in training mode",
                 hint="remember model.training before switching to eval, and call model.train(was_training) at the end.")
    expect(all(m.training for m in net.modules()), "some submodules were left in eval mode after predict().",
           hint="model.train(was_training) sets the mode of every submodule too.")
    net.eval()
    exercise.predict(net, x)
    expect_equal(net.training, False, "model.training after predict() on a model that was in eval mode",
                 hint="don't call model.train() unconditionally: restore the mode the model had, model.train(was_training).")
