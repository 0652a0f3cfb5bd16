import torch
from torch import nn

from dlings.testing import expect, expect_close, expect_tensor, fail


def make(seed):
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(4, 6), nn.BatchNorm1d(6), nn.ReLU(), nn.Linear(6, 3))
    model.train()
    model(torch.randn(16, 4))  # running statistics away from their defaults
    model.eval()
    names = [name for name, _ in model.named_parameters()]
    a = {n: torch.randn_like(p).requires_grad_() for n, p in model.named_parameters()}
    b = {n: torch.randn_like(p).requires_grad_() for n, p in model.named_parameters()}
    return model, names, a, b


def reference(model, a, b, alpha, x):
    blended = {n: (1 - alpha) * a[n] + alpha * b[n] for n in a}
    return torch.func.functional_call(model, blended, (x,))


def test_blended_output(exercise):
    for seed, alpha in [(0, 0.25), (1, 0.0), (2, 1.0), (3, 0.7)]:
        model, names, a, b = make(seed)
        before = {k: v.clone() for k, v in model.state_dict().items()}
        x = torch.randn(5, 4)
        what = f"blended_output(model, params_a, params_b, {alpha}, x)"
        got = expect_tensor(exercise.blended_output(model, a, b, alpha, x), what)
        want = reference(model, a, b, alpha, x)
        expect_close(got, want, what, atol=1e-5, mistakes={
            "alpha weighs params_b: (1 - alpha) * params_a + alpha * params_b, not the other way round.":
                lambda: reference(model, b, a, alpha, x),
        })
        for key, value in model.state_dict().items():
            expect(torch.equal(value, before[key]), f"{what} changed the model's {key}.",
                   hint="load_state_dict and in-place copies write into the model; "
                        "torch.func.functional_call(model, params, (x,)) uses the parameters for one call only.")
        expect(got.requires_grad, f"the output of {what} carries no gradient.",
               hint="load_state_dict copies values without autograd: the result no longer depends on params_a "
                    "and params_b. torch.func.functional_call keeps the link.")
        got.sum().backward()
        grads = torch.autograd.grad(want.sum(), [a[n] for n in names] + [b[n] for n in names], allow_unused=True)
        for i, n in enumerate(names):
            for label, params, g in [("params_a", a, grads[i]), ("params_b", b, grads[len(names) + i])]:
                if params[n].grad is None:
                    fail(f"after {what}.sum().backward(), {label}['{n}'].grad is None: no gradient reached it.",
                         hint="the output must be computed FROM params_a and params_b: blend them into a dict and "
                              "pass it to torch.func.functional_call (a copy loaded with load_state_dict is cut "
                              "off from them).")
                expect_close(params[n].grad, g, f"{label}['{n}'].grad after {what}.sum().backward()", atol=1e-5)
        for n, p in model.named_parameters():
            expect(p.grad is None, f"the model's own parameter {n} received a gradient from {what}.",
                   hint="the model's parameters should take no part: functional_call replaces them for the call.")
