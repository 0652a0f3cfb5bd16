import warnings

import torch

from dlings.testing import expect, expect_close, fail


def converted(exercise):
    torch.manual_seed(0)
    model = exercise.Gate().eval()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # script's deprecation notice, trace's "might be incorrect" warning
        got = exercise.to_torchscript(model)
    expect(got is not None, "to_torchscript(model) returned None.",
           hint="finish the TODO and `return` the TorchScript module.")
    expect(isinstance(got, torch.jit.ScriptModule),
           f"to_torchscript(model) should return a TorchScript module (torch.jit.ScriptModule), "
           f"not a {type(got).__name__}.", hint="torch.jit.script(model) or torch.jit.trace(model, example) make one.")
    return model, got


def inputs(model, positive):
    """Inputs for which model.fc's output sums above zero (positive=True) or below it."""
    g = torch.Generator().manual_seed(1 if positive else 2)
    out = []
    while len(out) < 3:
        x = torch.randn(2, 4, generator=g) * 3
        with torch.no_grad():
            if (model.fc(x).sum() > 0) == positive:
                out.append(x)
    return out


def test_both_branches(exercise):
    model, got = converted(exercise)
    for positive in (True, False):
        branch = "h.sum() > 0 (the relu branch)" if positive else "h.sum() <= 0 (the -h branch)"
        for x in inputs(model, positive):
            with torch.no_grad():
                want = model(x)
                try:
                    out = got(x)
                except Exception as e:
                    fail(f"The TorchScript module raised {type(e).__name__} on an input (2, 4): {str(e).strip()[:200]}")
            expect_close(out, want, f"the TorchScript module's output on an input where {branch}", hint=(
                "torch.jit.trace recorded only the branch its example took; the other input takes the other "
                "branch. torch.jit.script compiles the `if` itself."))
