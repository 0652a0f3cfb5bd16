"""The reference runs the same step on a copy of the model; both run the same ops on the CPU, so the weights
after the step agree to float32 rounding. The check leaves stale gradients in the model first."""
import copy
import math
import numbers

import torch
import torch.nn.functional as F

from dlings.testing import expect, expect_close, fail
from support_16_mixed_precision import call, linear_dtypes, mlp


def _reference(model, x, y, lr, zero=True, autocast=True, loss_outside=False):
    grads = [p.grad for p in model.parameters()]
    model = copy.deepcopy(model)  # deepcopy leaves .grad behind: carry the stale gradients over
    for p, g in zip(model.parameters(), grads):
        p.grad = None if g is None else g.clone()
    opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)
    if zero:
        opt.zero_grad()
    with torch.autocast("cpu", dtype=torch.bfloat16, enabled=autocast):
        out = model(x)
        loss = None if loss_outside else F.cross_entropy(out, y)
    if loss_outside:
        loss = F.cross_entropy(out, y)
    loss.backward()
    opt.step()
    return model, loss.item()


def test_train_step(exercise):
    for seed, (batch, n_in, n_out) in enumerate([(32, 8, 4), (1, 5, 3), (16, 3, 6)]):
        model = mlp(seed, n_in, 16, n_out)
        x, y = torch.randn(batch, n_in), torch.randint(0, n_out, (batch,))
        for p in model.parameters():
            p.grad = torch.full_like(p, 0.5)  # stale gradients from an earlier step
        lr = 0.1
        want, want_loss = _reference(model, x, y, lr)
        low_loss = _reference(model, x, y, lr, loss_outside=True)[1]
        opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)
        what = f"train_step(model, optimizer, x, y) with x of shape {(batch, n_in)}"
        with linear_dtypes(model) as seen:
            got_loss = call(exercise.train_step, model, opt, x, y, what=what)
        expect(seen, f"{what} never called the model.",
               hint="finish the TODO: zero_grad, forward and loss under autocast, backward, step.")
        for name, p in model.named_parameters():
            expect(p.dtype == torch.float32, f"after {what}, the model's {name} is {p.dtype}; it should stay float32.",
                   hint="autocast casts copies for each op; model.to(torch.bfloat16) turns the weights themselves "
                        "into bfloat16, and updates to them are rounded away.")
            expect(p.grad is not None and p.grad.dtype == torch.float32,
                   f"after {what}, {name}.grad is {None if p.grad is None else p.grad.dtype}; float32 is expected.")
        expect(seen and all(d == torch.bfloat16 for d in seen),
               f"{what}: the Linear layers gave {sorted(set(map(str, seen)))}; under bfloat16 autocast they give "
               "torch.bfloat16.", hint="run the forward inside torch.autocast(x.device.type, dtype=torch.bfloat16).")
        if got_loss is None or got_loss is Ellipsis:
            fail(f"{what} returned {got_loss!r}.", hint="finish the TODO and `return loss.item()`.")
        if isinstance(got_loss, torch.Tensor) or not isinstance(got_loss, numbers.Real):
            fail(f"{what} returned a {type(got_loss).__name__}; the loss as a Python float is expected.",
                 hint="loss.item() gives the number.")
        expect(math.isclose(got_loss, want_loss, rel_tol=1e-4, abs_tol=1e-6),
               f"{what} returned loss {got_loss:.6g}; the step's loss is {want_loss:.6g}.",
               hint="the loss was computed after the autocast block, from bfloat16 logits, so it ran in bfloat16 "
                    "(3 significant digits): compute it inside the block, where autocast runs it in float32."
               if math.isclose(got_loss, low_loss, rel_tol=1e-6) else
               "return the cross-entropy of this step's forward (computed before the weights change).")
        mistakes = {
            "the old gradients were not cleared: call optimizer.zero_grad() before backward().":
                _reference_params(seed, n_in, n_out, x, y, lr, zero=False),
            "the loss was computed after the autocast block, from bfloat16 logits, so it ran in bfloat16: compute it "
            "inside the block, where autocast runs it in float32.":
                _reference_params(seed, n_in, n_out, x, y, lr, loss_outside=True),
        }
        for (name, p), (_, q) in zip(model.named_parameters(), want.named_parameters()):
            expect_close(p.detach(), q.detach(), f"the model's {name} after {what}", rtol=1e-4, atol=1e-6,
                         mistakes={k: dict(v)[name] for k, v in mistakes.items()})


def _reference_params(seed, n_in, n_out, x, y, lr, **kw):
    model = mlp(seed, n_in, 16, n_out)
    for p in model.parameters():
        p.grad = torch.full_like(p, 0.5)
    got, _ = _reference(model, x, y, lr, **kw)
    return [(n, p.detach()) for n, p in got.named_parameters()]
