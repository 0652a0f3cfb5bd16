import torch
from torch import nn

from dlings.testing import expect, expect_close, fail


def make():
    return nn.Sequential(nn.Linear(5, 8), nn.Tanh(), nn.Linear(8, 3))


class Nested(nn.Module):
    """A parameter of the model itself plus Linears nested two levels deep: hooks must reach all of them."""

    def __init__(self):
        super().__init__()
        self.scale = nn.Parameter(torch.full((3,), 2.0))
        self.body = nn.Sequential(nn.Linear(5, 8), nn.Tanh(), nn.Sequential(nn.Linear(8, 3)))

    def forward(self, x):
        return self.body(x) * self.scale


def grads(model, x):
    model.zero_grad()
    (model(x) * 3).pow(2).sum().backward()
    return {n: p.grad.clone() for n, p in model.named_parameters()}


def test_gradients_are_clamped(exercise):
    for seed, limit, build in [(0, 0.5, make), (1, 2.0, make), (2, 0.3, Nested)]:
        torch.manual_seed(seed)
        model = build()
        x = torch.randn(16, 5)
        ref = grads(model, x)
        seen = {}
        spies = [p.register_hook(lambda g, n=n: seen.__setitem__(n, (g, g.clone())))
                 for n, p in model.named_parameters()]
        handles = exercise.clamp_grad_hooks(model, limit)
        expect(isinstance(handles, (list, tuple)), f"clamp_grad_hooks should return a list of handles, got {handles!r}.",
               hint="collect what p.register_hook(...) returns into a list and return it.")
        got = grads(model, x)
        missed = [n for n, g in ref.items() if torch.equal(got[n], g) and not torch.equal(g, g.clamp(-limit, limit))]
        if missed and len(missed) < len(ref):
            fail(f"the gradients of {missed} were not clamped (the other parameters' were).",
                 hint="every parameter needs a hook, the nested ones and the model's own too: "
                      "model.parameters() (or named_parameters()) walks them all; model.children() only looks "
                      "one level down.")
        for name, g in ref.items():
            expect_close(got[name], g.clamp(-limit, limit), what=f"the gradient of {name} with limit={limit}",
                         mistakes={
                             "the hook does not return anything, so the gradient is unchanged: `return grad.clamp(...)`.": g,
                             "only the upper side is clamped: use grad.clamp(-limit, limit).": g.clamp(max=limit),
                             "only the lower side is clamped: use grad.clamp(-limit, limit).": g.clamp(min=-limit),
                         })
        for name, (g, before) in seen.items():
            expect(torch.equal(g, before), f"the hook changed the gradient of {name} in place.",
                   hint="a hook must not modify its argument (other hooks and autograd may share that tensor): "
                        "return grad.clamp(-limit, limit), a new tensor, instead of grad.clamp_(...).")
        for h in spies:
            h.remove()
        n_params = len(list(model.parameters()))
        if len(handles) != n_params:
            fail(f"clamp_grad_hooks returned {len(handles)} handles for a model with {n_params} parameters.",
                 hint="return the handle of every hook you register (one per parameter).")
        for h in handles:
            h.remove()
        after = grads(model, x)
        for name, g in ref.items():
            expect_close(after[name], g, what=f"the gradient of {name} after removing the returned handles",
                         hint="some hooks are still active: return every handle from register_hook.")
