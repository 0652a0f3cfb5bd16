"""loop_step: one training step, judged against the reference step by step.

The model arrives with stale gradients in .grad, SGD has momentum (so a
gradient that leaks into one step shows in every later one), and the loss is
a label-smoothed cross-entropy (code that ignores loss_fn gives other numbers).
"""
import torch
from dlings.testing import expect_close, expect_module_called, fail
from support_14_training_loop import as_float, close
from torch import nn

STEPS = 4


def _setup(seed=0, kind="sgd"):
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 3))
    # stale gradients, as if something had called backward() before this step
    for p in model.parameters():
        p.grad = torch.full_like(p, 0.5)
    if kind == "sgd":
        optimizer = torch.optim.SGD(model.parameters(), lr=0.2, momentum=0.9)
    else:
        optimizer = torch.optim.Adam(model.parameters(), lr=0.05)
    g = torch.Generator().manual_seed(seed + 100)
    batches = [(torch.randn(6, 4, generator=g), torch.randint(0, 3, (6,), generator=g)) for _ in range(STEPS)]
    return model, optimizer, batches


LOSS = nn.CrossEntropyLoss(label_smoothing=0.2)


def _reference(kind="sgd", variant="right"):
    """Losses and the model after each step, right or with one known mistake."""
    model, opt, batches = _setup(kind=kind)
    losses, states = [], []
    for x, y in batches:
        if variant not in ("no_zero_grad", "zero_grad_last"):
            opt.zero_grad()
        loss_fn = nn.CrossEntropyLoss() if variant == "plain_ce" else LOSS
        loss = loss_fn(model(x), y)
        loss.backward()
        if variant == "zero_grad_before_step":
            opt.zero_grad()
        opt.step()
        if variant == "zero_grad_last":
            opt.zero_grad()
        losses.append(LOSS(model(x), y).item() if variant == "loss_after_step" else loss.item())
        states.append([p.detach().clone() for p in model.parameters()])
    return losses, states


CAUSES = {
    "no_zero_grad": "gradients piled up: the stale .grad the model arrived with and each step's gradient were "
                    "added together. Call optimizer.zero_grad() first in every step.",
    "zero_grad_last": "the stale gradients the model arrived with leaked into the first update: zero_grad() "
                      "belongs at the START of the step, before backward().",
    "zero_grad_before_step": "the parameters never moved: optimizer.step() found no gradient. Either zero_grad() "
                             "ran between backward() and step(), or step() ran before backward() (and the next "
                             "zero_grad() cleared what backward() left). The order is zero_grad, forward, loss, "
                             "backward, step.",
    "plain_ce": "the step used a plain cross-entropy, not the loss_fn it was given: call loss_fn(model(x), y).",
    "loss_after_step": "the loss returned was computed after the update; return the loss that was backpropagated.",
}


def _run(exercise, kind):
    model, opt, batches = _setup(kind=kind)
    losses, states = [], [[p.detach().clone() for p in model.parameters()]]
    for i, (x, y) in enumerate(batches):
        value = exercise.train_step(model, LOSS, opt, x, y)
        losses.append(as_float(value, f"what train_step returned at step {i + 1}"))
        states.append([p.detach().clone() for p in model.parameters()])
    return losses, states


def _same(a, b):
    return all(torch.allclose(x, y, rtol=1e-5, atol=1e-6) for x, y in zip(a, b))


def _check(exercise, kind, label):
    losses, states = _run(exercise, kind)
    before, states = states[:-1], states[1:]
    ref_losses, ref_states = _reference(kind)
    wrong = {v: _reference(kind, v) for v in CAUSES}
    # the mistake whose whole run matches this one, else one that matches at the first wrong step
    whole = [v for v, (_, ws) in wrong.items() if all(_same(a, b) for a, b in zip(states, ws))]
    names = ["first Linear weight", "first Linear bias", "second Linear weight", "second Linear bias"]
    for i in range(STEPS):
        for j, (got, want) in enumerate(zip(states[i], ref_states[i])):
            if torch.allclose(got, want, rtol=1e-5, atol=1e-6):
                continue
            here = [v for v, (_, ws) in wrong.items() if torch.allclose(got, ws[i][j], rtol=1e-5, atol=1e-6)]
            cause = CAUSES[(whole or here)[0]] if whole or here else None
            if cause is None and torch.equal(got, before[i][j]):
                cause = "the parameters did not move: is optimizer.step() called, after backward()?"
            expect_close(got, want, what=f"the {names[j]} after step {i + 1} ({label})", rtol=1e-5, atol=1e-6,
                         hint=cause or "each call should do zero_grad, forward, loss_fn, backward, step, once each.")
        if not close(losses[i], ref_losses[i]):
            cause = next((CAUSES[v] for v, (wl, _) in wrong.items() if close(losses[i], wl[i])), None)
            fail(f"train_step returned {losses[i]:.6g} at step {i + 1} ({label}); the loss of that batch before "
                 f"its update is {ref_losses[i]:.6g}.", hint=cause or "return loss.item() of the loss you "
                 "called backward() on.")


def test_sgd_with_momentum(exercise):
    _check(exercise, "sgd", "SGD with momentum 0.9")


def test_adam(exercise):
    _check(exercise, "adam", "Adam")


def test_model_called_as_a_module(exercise):
    # the docstring's step 2 is predictions = model(x): model.forward(x) gives the same numbers here but skips
    # the model's hooks (and, on a real model, what hooks do: AMP casts, profilers, pruning masks)
    model, opt, batches = _setup()
    x, y = batches[0]
    with expect_module_called(model, "model", hint="step 2 is predictions = model(x): model.forward(x) runs the "
                              "same code but skips the model's hooks."):
        exercise.train_step(model, LOSS, opt, x, y)
