import torch
from torch import nn

from dlings.testing import expect, expect_equal, fail


class Log(nn.Module):
    def forward(self, x):
        return torch.log(x)


class Exp(nn.Module):
    def forward(self, x):
        return torch.exp(x)


class Normalise(nn.Module):
    def forward(self, x):
        return x / x.sum(dim=-1, keepdim=True)


class Boom(nn.Module):
    def forward(self, x):
        raise ValueError("this layer always fails (the check's doing)")


class GradSpy(nn.Module):
    """Records whether autograd was on while the forward ran."""
    def __init__(self):
        super().__init__()
        self.seen = []

    def forward(self, x):
        self.seen.append(torch.is_grad_enabled())
        return x


class Shuffled(nn.Module):
    """Modules defined in one order, run in another: inp -> exp -> norm -> out."""
    def __init__(self):
        super().__init__()
        self.out = nn.Linear(6, 2)
        self.norm = Normalise()
        self.exp = Exp()
        self.inp = nn.Linear(4, 6)
        self.spy = GradSpy()

    def forward(self, x):
        return self.out(self.norm(self.exp(self.spy(self.inp(x)))))


class Nested(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Linear(4, 8)
        self.body = nn.Sequential(nn.Sequential(nn.ReLU(), nn.Linear(8, 8)),
                                  nn.Sequential(nn.Tanh(), nn.Linear(8, 8), Log()))
        self.head = nn.Linear(8, 1)

    def forward(self, x):
        return self.head(self.body(self.stem(x)))


class Block(nn.Module):
    """Not a leaf (it holds a Linear), yet its own forward takes a log: only leaves count."""

    def __init__(self):
        super().__init__()
        self.lin = nn.Linear(4, 8)

    def forward(self, x):
        return torch.log(self.lin(x))


def all_hooks(model):
    return sum(len(m._forward_hooks) + len(m._forward_pre_hooks) for m in model.modules())


def cases():
    torch.manual_seed(0)
    seq = nn.Sequential(nn.Linear(4, 8), Log(), nn.Linear(8, 8), nn.ReLU(), nn.Linear(8, 1))
    yield "nn.Sequential(Linear, Log, Linear, ReLU, Linear)", seq, torch.randn(5, 4), "1", {
        "you returned the LAST leaf whose output was bad; a NaN spreads forward, the FIRST one is the culprit.": "4"}
    sh = Shuffled()
    with torch.no_grad():
        sh.inp.weight.mul_(200.0)     # exp overflows to inf; then norm gives inf / inf = NaN
    yield ("a model whose forward runs inp -> exp -> norm -> out (defined as out, norm, exp, inp), "
           "where exp overflows to inf"), sh, torch.randn(5, 4), "exp", {
        "inf counts too: exp overflowed to inf before anything was NaN (torch.isfinite catches both).": "norm",
        "you picked the first bad module in named_modules() order; it is the order the forward RUNS them that "
        "counts (record the names in your hook as it fires).": "out",
        "you returned the LAST leaf whose output was bad; a NaN spreads forward, the FIRST one is the culprit.": "out"}
    nested = Nested()
    with torch.no_grad():
        nested.body[1][1].bias.fill_(-5.0)   # tanh in [-1, 1] then a bias of -5: log of negatives
    yield "a model with nested nn.Sequential blocks whose Log gets negative input", nested, torch.randn(5, 4), \
        "body.1.2", {"you returned the LAST leaf whose output was bad; the FIRST one is the culprit.": "head"}
    torch.manual_seed(1)
    blocky = nn.Sequential(Block(), nn.ReLU(), nn.Linear(8, 1))
    yield ("nn.Sequential(Block, ReLU, Linear), where Block (not a leaf: it holds a Linear) takes a log in its own "
           "forward"), blocky, torch.randn(5, 4), "1", {
        "'0' is not a leaf module (it has a child, 0.lin): only leaves count, so hook only the modules with no "
        "children (not list(module.children())).": "0"}
    healthy = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))
    yield "a healthy nn.Sequential(Linear, ReLU, Linear)", healthy, torch.randn(5, 4), None, {}


def test_finds_first_bad_module(exercise):
    for what, model, x, want, mistakes in cases():
        call = f"first_nonfinite(model, x) for {what}"
        got = exercise.first_nonfinite(model, x)
        expect_equal(got, want, call, mistakes={**mistakes} if got in mistakes.values() else {})
        expect(all_hooks(model) == 0, f"after {call}, {all_hooks(model)} forward hook(s) are still registered.",
               hint="keep every handle register_forward_hook returns and call handle.remove() (in `finally:`).")
        if isinstance(model, Shuffled):
            expect(model.spy.seen and not any(model.spy.seen),
                   f"{call}: the forward ran with autograd on.",
                   hint="run the forward inside `with torch.no_grad():` (nothing is trained here).")


def test_hooks_removed_when_forward_raises(exercise):
    model = nn.Sequential(nn.Linear(3, 3), Boom(), nn.Linear(3, 1))
    try:
        exercise.first_nonfinite(model, torch.randn(2, 3))
    except ValueError:
        pass
    left = all_hooks(model)
    if left:
        fail(f"first_nonfinite(model, x) where the model's forward raises ValueError left {left} forward hook(s) "
             "registered.", hint="remove the hooks in a `finally:` block so they go even when forward raises.")
