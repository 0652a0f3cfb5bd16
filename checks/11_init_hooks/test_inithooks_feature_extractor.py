import torch
from torch import nn

from dlings.testing import expect, expect_close, expect_equal, fail
from support_11_init_hooks import expect_no_hooks, hook_counts


class SmallCNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(3, 6, 3, padding=1), nn.ReLU(), nn.Conv2d(6, 8, 3), nn.ReLU(),
                                      nn.AdaptiveAvgPool2d(2))
        self.classifier = nn.Sequential(nn.Flatten(), nn.Linear(32, 10), nn.ReLU(), nn.Linear(10, 5))

    def forward(self, x):
        return self.classifier(self.features(x))


def reference(net, x):
    f = net.features
    a0 = f[0](x); a1 = f[1](a0); a2 = f[2](a1); a3 = f[3](a2); p = f[4](a3)
    c = net.classifier
    fl = c[0](p); l1 = c[1](fl); r = c[2](l1); out = c[3](r)
    return {"features.1": a1, "features.3": a3, "classifier.1": l1, "classifier.2": r, "features": p}, out, \
        {"features.1": a0, "features.3": a2, "classifier.1": fl, "classifier.2": l1, "features": x}


CASES = [["features.1", "features.3", "classifier.1"], ["classifier.2", "features"], ["features.3"]]


def test_named_features(exercise):
    for i, names in enumerate(CASES):
        torch.manual_seed(i)
        net = SmallCNN()
        ext = exercise.FeatureExtractor(net, names)
        for call in range(3):
            x = torch.randn(2 + call, 3, 9, 9)
            got = ext(x)
            refs, _, ins = reference(net, x)
            expect(isinstance(got, dict), f"FeatureExtractor(...)(x) should return a dict, got {type(got).__name__}.")
            expect_equal(list(got), names, what=f"the keys returned for layer_names={names}",
                         hint="return exactly the requested names, in the order of layer_names.")
            for name in names:
                expect_close(got[name], refs[name], what=f"feature {name!r} (call {call + 1})", rtol=1e-5, atol=1e-6,
                             hint=f"the hook should sit on net.get_submodule({name!r}) and store its output.",
                             mistakes={"the hook stored the layer's input (inputs[0]), not its output.": ins[name]})
            counts = hook_counts(net)
            want = {n: 1 for n in names}
            if counts != want:
                fail(f"after {call + 1} call(s) the hooks on the model are {counts or 'none'}; expected one forward "
                     f"hook on each of {names}.",
                     hint="register the hooks once, in __init__; registering them in forward() adds a new set "
                          "on every call.")
        ext.remove()
        expect_no_hooks(net, f"after extractor.remove() (layer_names={names})",
                        hint="remove(): call .remove() on every handle you kept in __init__.")


def test_features_keep_their_graph(exercise):
    torch.manual_seed(5)
    net = SmallCNN()
    ext = exercise.FeatureExtractor(net, ["features.3", "classifier.1"])
    x = torch.randn(3, 3, 9, 9)
    got = ext(x)
    expect(all(t.requires_grad for t in got.values()),
           "the returned features do not require grad, so no loss on them can train the model.",
           hint="do not detach in this hook: the features are the result of forward and feed a loss.")
    sum(t.pow(2).sum() for t in got.values()).backward()
    mine = net.features[0].weight.grad.clone()
    net.zero_grad()
    refs = reference(net, x)[0]
    (refs["features.3"].pow(2).sum() + refs["classifier.1"].pow(2).sum()).backward()
    expect_close(mine, net.features[0].weight.grad, what="the gradient of features.0.weight through the features")
    ext.remove()


def test_model_forward_unchanged(exercise):
    torch.manual_seed(6)
    net = SmallCNN()
    x = torch.randn(2, 3, 9, 9)
    want = reference(net, x)[1]
    ext = exercise.FeatureExtractor(net, ["features.1"])
    expect_close(net(x), want, what="the wrapped model's own output while the extractor is attached",
                 hint="the hooks must only record outputs (return None), not change them.")
    ext.remove()
