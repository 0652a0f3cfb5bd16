import torch
from torch import nn

from dlings.testing import (expect, expect_close, expect_equal, expect_untouched, model_with_distractors,
                            snapshot)
from support_11_init_hooks import expect_no_hooks


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(6, 10)
        self.block = nn.Sequential(nn.ReLU(), nn.Linear(10, 9), nn.Tanh())
        self.head = nn.Linear(9, 4)

    def forward(self, x):
        return self.head(self.block(self.fc1(x)))


def reference(net, x):
    """dLoss/d(output) of each Linear, with retain_grad; dLoss/d(input) too (for the mistake)."""
    x = x.detach().clone().requires_grad_(True)
    a = net.fc1(x); a.retain_grad()
    r = net.block[0](a); r.retain_grad()
    b = net.block[1](r); b.retain_grad()
    t = net.block[2](b); t.retain_grad()
    out = net.head(t); out.retain_grad()
    out.pow(2).sum().backward()
    net.zero_grad()
    outs = {"fc1": a.grad, "block.1": b.grad, "head": out.grad}
    ins = {"fc1": x.grad, "block.1": r.grad, "head": t.grad}
    return outs, ins


def test_output_grads(exercise):
    for seed, batch in [(0, 5), (1, 3)]:
        torch.manual_seed(seed)
        net = Net()
        x = torch.randn(batch, 6, requires_grad=True)
        refs, ins = reference(net, x)
        got = exercise.output_grads(net, x)
        expect(isinstance(got, dict), f"output_grads should return a dict of name -> tensor, got {got!r}.")
        relus = ["block.0"]
        expect_equal(sorted(got), sorted(refs), what="the names in the returned dict", mistakes={
            "the hooks are on nn.ReLU, not on the nn.Linear layers.": relus,
            "every hook wrote under the same name: the hook function picks up the LAST value of the loop "
            "variable `name`. Build each hook in a helper (make_hook(name)) so it keeps its own name.": ["head"],
        })
        for name in refs:
            expect_close(got[name], refs[name], what=f"grad_output[0] stored for {name!r}", mistakes={
                "grad_input[0] is the gradient w.r.t. the layer's INPUT; store grad_output[0].": ins[name],
            })
            expect(not got[name].requires_grad, f"the gradient stored for {name!r} requires grad.",
                   hint="store grad_output[0].detach().")
        expect_no_hooks(net, "after output_grads(model, x)")


def test_only_the_linears_among_other_layers(exercise):
    # A model whose Linears sit among convolutions, norms, an embedding and a bare parameter: only the
    # Linears get an entry, and nothing else in the model changes.
    torch.manual_seed(3)
    model, linears, others = model_with_distractors(nn.Linear, in_features=6, out_features=3)
    model.eval()                                   # BatchNorm: no running-statistics update during the check
    names = {id(m): n for n, m in model.named_modules()}
    want_names = [names[id(m)] for m in linears]
    x = torch.randn(4, 6)
    saved, handles = {}, []

    def keep_output_grad(name):
        def hook(module, inputs, out):
            out.register_hook(lambda g: saved.__setitem__(name, g.detach()))   # returns None: output unchanged
        return hook

    for name, m in model.named_modules():
        if isinstance(m, nn.Linear):
            handles.append(m.register_forward_hook(keep_output_grad(name)))
    model(x).pow(2).sum().backward()
    for h in handles:
        h.remove()
    model.zero_grad(set_to_none=True)
    before = snapshot(others)
    got = exercise.output_grads(model, x)
    expect(isinstance(got, dict), f"output_grads should return a dict of name -> tensor, got {got!r}.")
    expect_equal(sorted(got), sorted(want_names),
                 what="the names in the dict output_grads returned for a model that also holds Conv2d, Conv1d, "
                      "LayerNorm, BatchNorm1d and Embedding layers",
                 hint="hook the nn.Linear layers only: isinstance(module, nn.Linear). Other layers have weights "
                      "too, so testing hasattr(module, 'weight') picks them up.")
    for name in want_names:
        expect_close(got[name], saved[name], what=f"grad_output[0] stored for {name!r}")
    expect_untouched(others, before, "the layers that are not nn.Linear")
    expect_no_hooks(model, "after output_grads(model, x)")
