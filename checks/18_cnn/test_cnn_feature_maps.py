import torch
from torch import nn

from dlings.testing import expect, expect_close, expect_equal, fail


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(3, 6, 3, padding=1), nn.BatchNorm2d(6), nn.ReLU(inplace=True),
                                      nn.MaxPool2d(2), nn.Conv2d(6, 4, 3, padding=1), nn.ReLU(inplace=True))
        self.drop = nn.Dropout(0.5)
        self.head = nn.Linear(4, 3)

    def forward(self, x):
        f = self.features(x)
        return self.head(self.drop(f.mean(dim=(2, 3))))


def _model():
    torch.manual_seed(0)
    net = Net()
    with torch.no_grad():
        net.features[1].running_mean.uniform_(-0.5, 0.5)
        net.features[1].running_var.uniform_(0.5, 2)
    return net.train()


def _reference(net, x):
    net.eval()
    with torch.no_grad():
        a = net.features[0](x)
        b = net.features[1](a)
        c = torch.relu(b)
        d = net.features[4](net.features[3](c))
        e = torch.relu(d)
        outs = {"features.0": a, "features.1": b, "features.4": d, "head": net.head(e.mean(dim=(2, 3)))}
        ins = {"features.0": x, "features.1": a, "features.4": net.features[3](c), "head": e.mean(dim=(2, 3))}
        return outs, ins


def _no_hooks_left(net, when="", hint="keep each handle register_forward_hook returns and call handle.remove() "
                   "(in a finally: block)."):
    left = [n for n, m in net.named_modules() if m._forward_hooks or m._forward_pre_hooks]
    expect(not left, f"hooks are still registered on {left} after feature_maps returned{when}.", hint=hint)


def test_captures_outputs(exercise):
    net = _model()
    x = torch.randn(2, 3, 8, 8)
    names = ["features.0", "features.1", "features.4", "head"]
    want, inputs = _reference(_model(), x)
    got = exercise.feature_maps(net, x, names)
    expect(isinstance(got, dict), f"feature_maps(...) should return a dict, got {type(got).__name__}.")
    expect_equal(sorted(got), sorted(names), "the keys of feature_maps(model, x, names)",
                 mistakes={"every hook saved under the LAST name: a hook defined in a loop sees the loop variable's "
                           "final value when it runs. Bind it when the hook is made: def hook(m, args, out, "
                           "name=name).": [names[-1]]},
                 hint="the names are dotted paths such as 'features.0': look them up in dict(model.named_modules()) "
                      "(getattr(model, 'features.0') does not follow the dots).")
    _no_hooks_left(net)
    for name in names:
        t = got[name]
        expect(isinstance(t, torch.Tensor), f"feature_maps(...)[{name!r}] should be a tensor.",
               hint="a forward hook gets (module, args, output): save the output, not the args tuple.")
        expect(not t.requires_grad, f"feature_maps(...)[{name!r}] requires grad.",
               hint="run the model under torch.no_grad() (and detach what you save).")
        if t.shape == inputs[name].shape and (t.shape != want[name].shape or torch.allclose(t, inputs[name])):
            fail(f"feature_maps(...)[{name!r}] is the module's INPUT.",
                 hint="a forward hook is called as hook(module, args, output): save `output`, not args[0].")
        raw = None
        if name == "features.1":
            raw = torch.relu(want[name])
        expect_close(t, want[name], f"feature_maps(model, x, names)[{name!r}]", rtol=1e-4, atol=1e-5, mistakes={
            "that is the map AFTER the in-place ReLU that follows this layer: the hook saved a tensor that the "
            "ReLU then overwrote. Save output.detach().clone().": raw,
        } if raw is not None else {}, hint="save each module's output in eval mode (BatchNorm with its running "
                                           "statistics, no Dropout): call model.eval() first.")


def test_unknown_name_and_cleanup_on_error(exercise):
    net = _model()
    try:
        exercise.feature_maps(net, torch.randn(1, 3, 8, 8), ["features.0", "features.9"])
    except KeyError:
        pass
    else:
        fail("feature_maps(model, x, ['features.0', 'features.9']) did not raise KeyError for the unknown name "
             "'features.9'.", hint="look every name up in dict(model.named_modules()) first: a missing key raises.")
    _no_hooks_left(net, " by raising KeyError for names ['features.0', 'features.9']",
                   hint="look up EVERY name before registering any hook (the docstring: KeyError before anything "
                        "runs); a hook added for 'features.0' before 'features.9' failed was never removed.")
    bad = torch.randn(1, 5, 8, 8)  # wrong channel count: the forward pass raises
    try:
        exercise.feature_maps(net, bad, ["features.0", "head"])
    except RuntimeError:
        pass
    _no_hooks_left(net)
