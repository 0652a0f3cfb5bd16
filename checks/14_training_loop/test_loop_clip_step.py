"""loop_clip_step: clipping between backward() and step(), and the norm before it.

Three steps with max_norm, three with max_value and three without clipping are
compared with the reference (parameters and returned norms). Then a regression
that diverges at lr 0.2 without clipping (the loss reaches nan by step 60) is
trained 100 steps with max_norm=1.0: the reference ends at loss 3.3, the bar is 5.
"""
import math

import torch
from dlings.testing import expect_close, fail
from support_14_training_loop import as_float, close
from torch import nn


def _setup(seed=0, lr=0.05):
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(64, 4, generator=g)
    w = torch.randn(4, 1, generator=g) * 5
    y = (x @ w) ** 2 / 5 + 10                       # big targets: big gradients
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(4, 16), nn.Tanh(), nn.Linear(16, 1))
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.5)
    return model, optimizer, x, y


def _reference(kwargs, steps, variant="right"):
    model, optimizer, x, y = _setup()
    norms = []
    for _ in range(steps):
        optimizer.zero_grad()
        nn.functional.mse_loss(model(x), y).backward()
        if variant == "after_step":
            optimizer.step()
        norm = nn.utils.clip_grad_norm_(model.parameters(), kwargs.get("max_norm") or math.inf)
        if kwargs.get("max_value") is not None:
            if variant == "value_as_norm":
                nn.utils.clip_grad_norm_(model.parameters(), kwargs["max_value"])
            elif variant == "value_then_norm":
                nn.utils.clip_grad_value_(model.parameters(), kwargs["max_value"])
                norm = nn.utils.clip_grad_norm_(model.parameters(), math.inf)
            else:
                nn.utils.clip_grad_value_(model.parameters(), kwargs["max_value"])
        if variant == "norm_after":
            norm = nn.utils.clip_grad_norm_(model.parameters(), math.inf)
        if variant != "after_step":
            optimizer.step()
        norms.append(norm.item())
    return norms, model


CAUSES = {
    "after_step": "the update used the unclipped gradients: the clipping ran after optimizer.step() (or before "
                  "backward(), when there was nothing to clip yet). Clip between backward() and step().",
    "norm_after": "the norm returned was measured after clipping had changed the gradients; return the one "
                  "clip_grad_norm_ returned BEFORE anything was clipped.",
    "value_as_norm": "max_value was used as a max_norm: clip_grad_value_ clamps each element into "
                     "[-max_value, max_value]; clip_grad_norm_ rescales the whole gradient.",
    "value_then_norm": "the norm was measured after clip_grad_value_ had clamped the gradients; measure it first.",
}

MODES = {
    "max_norm=1.0": {"max_norm": 1.0},
    "max_value=0.5": {"max_value": 0.5},
    "no clipping": {},
}


def test_three_steps_each_mode(exercise):
    for label, kwargs in MODES.items():
        model, optimizer, x, y = _setup()
        got = [as_float(exercise.train_step(model, nn.MSELoss(), optimizer, x, y, **kwargs),
                        f"what train_step(..., {label}) returned") for _ in range(3)]
        want, ref_model = _reference(kwargs, 3)
        wrong = {v: _reference(kwargs, 3, v) for v in CAUSES}
        for name, value in ref_model.state_dict().items():
            expect_close(model.state_dict()[name], value, what=f"model.{name} after 3 steps with {label}",
                         rtol=1e-5, atol=1e-6, mistakes={CAUSES[v]: m.state_dict()[name] for v, (_, m) in
                                                         wrong.items()},
                         hint="zero_grad, forward, loss, backward, clip, step." if kwargs else
                              "without max_norm or max_value nothing is clipped; the step is loop_step's.")
        for i, (g, w) in enumerate(zip(got, want)):
            if not close(g, w, rel=1e-5, abs_=1e-6):
                cause = next((CAUSES[v] for v, (ns, _) in wrong.items() if close(g, ns[i], rel=1e-5, abs_=1e-6)),
                             None)
                fail(f"train_step(..., {label}) returned {g:.6g} at step {i + 1}; the gradient norm before "
                     f"clipping was {w:.6g}.", hint=cause or "return clip_grad_norm_(...).item(), called once, "
                     "right after backward() (with max_norm, or float('inf') to measure without clipping).")


def test_clipping_tames_a_diverging_run(exercise, report):
    model, optimizer, x, y = _setup(lr=0.2)
    loss_fn = nn.MSELoss()
    report.target("loss", 5.0, higher_is_better=False)
    for step in range(1, 101):
        norm = as_float(exercise.train_step(model, loss_fn, optimizer, x, y, max_norm=1.0), "the returned norm")
        with torch.no_grad():
            loss = loss_fn(model(x), y).item()
        report("loss", loss, step)
        report("grad norm before clipping", norm, step)
        if not math.isfinite(loss) or loss > 1e4:
            fail(f"with lr 0.2 and max_norm=1.0 the loss reached {loss:.4g} at step {step}: the run diverged, as it "
                 "does without clipping.", hint="clip between backward() and optimizer.step().")
    if loss > 5.0:
        fail(f"after 100 steps with lr 0.2 and max_norm=1.0 the loss is {loss:.4g}; the bar is 5 (the reference "
             "ends at 3.3).")
