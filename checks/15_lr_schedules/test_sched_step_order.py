import warnings

import torch
from dlings.testing import expect, expect_close, fail
from support_15_lr_schedules import ORDER_WARNING, expect_lrs, reported

SETUPS = {
    # name: (batches, epochs, lrs of the two param groups (weight, bias), scheduler factory)
    "StepLR(step_size=1, gamma=0.5)": (4, 3, (0.1, 0.1), lambda o: torch.optim.lr_scheduler.StepLR(o, 1, 0.5)),
    "ExponentialLR(gamma=0.7), two param groups": (3, 4, (0.2, 0.05),
                                                   lambda o: torch.optim.lr_scheduler.ExponentialLR(o, 0.7)),
}


def _setup(name, seed=0):
    batches, epochs, lrs, make_sched = SETUPS[name]
    g = torch.Generator().manual_seed(seed)
    loader = [(torch.randn(5, 3, generator=g), torch.randn(5, 1, generator=g)) for _ in range(batches)]
    torch.manual_seed(seed)
    model = torch.nn.Linear(3, 1)
    opt = torch.optim.SGD([{"params": [model.weight], "lr": lrs[0]}, {"params": [model.bias], "lr": lrs[1]}],
                          lr=lrs[0])
    return model, loader, opt, make_sched(opt), epochs


def _reference(name, variant="right"):
    """The loop, right or with one known mistake; returns (lrs, weight, bias, scheduler steps)."""
    model, loader, opt, sched, epochs = _setup(name)
    lrs = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for _ in range(epochs):
            if variant == "first":
                sched.step()
            for x, y in loader:
                if variant != "no_zero_grad":
                    opt.zero_grad()
                torch.nn.functional.mse_loss(model(x), y).backward()
                if variant == "per_batch_first":
                    sched.step()
                lrs.append(opt.param_groups[0]["lr"])
                opt.step()
                if variant == "per_batch":
                    sched.step()
            if variant in ("right", "no_zero_grad"):
                sched.step()
    return lrs, model.weight.detach(), model.bias.detach(), sched.last_epoch


CAUSES = {
    "first": "every lr is one epoch ahead: either scheduler.step() ran at the start of each epoch (before that "
             "epoch's optimizer steps), or the lr was read after scheduler.step(). Step the scheduler after the "
             "epoch's batches, and read the lr just before each optimizer.step().",
    "per_batch_first": "scheduler.step() ran before optimizer.step(), inside the batch loop: step it once per epoch, "
                       "after the epoch's batches.",
    "per_batch": "scheduler.step() ran once per batch: this is an epoch scheduler, so step it once per epoch, after "
                 "the batch loop.",
    "never": "scheduler.step() was never called, so the lr never changed.",
    "no_zero_grad": "gradients piled up from batch to batch: call optimizer.zero_grad() before each backward().",
}


def _run(exercise, name):
    model, loader, opt, sched, epochs = _setup(name)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        lrs = exercise.train(model, torch.nn.MSELoss(), loader, opt, sched, epochs)
    return model, sched, lrs, [str(w.message) for w in caught], epochs


def test_lrs_and_weights_match_the_reference(exercise, report):
    for name in SETUPS:
        model, sched, lrs, caught, epochs = _run(exercise, name)
        ref_lrs, ref_w, ref_b, ref_steps = _reference(name)
        if any(ORDER_WARNING in m for m in caught):
            fail(f"with {name}, torch warned:\n  \"Detected call of `lr_scheduler.step()` before "
                 "`optimizer.step()`\"\nYour loop called scheduler.step() before the first optimizer.step(), so "
                 "the first learning rate was never used.",
                 hint="call optimizer.step() for the epoch's batches first, then scheduler.step() once.")
        if lrs is None or lrs is Ellipsis:
            fail("train(...) returned None; it should return the list of learning rates, one per optimizer step.",
                 hint="finish the TODO and `return lrs`.")
        try:
            lrs = [float(v) for v in lrs]
        except (TypeError, ValueError):
            fail(f"train(...) should return a list of floats (one lr per optimizer step), got {lrs!r:.80}.")
        if not lrs:
            fail(f"train(...) returned an empty list; with {name} it runs {len(ref_lrs)} optimizer steps.",
                 hint="finish the TODO: record optimizer.param_groups[0]['lr'] just before each optimizer.step().")
        if name.startswith("StepLR"):
            reported(report, "lr", lrs)
        expect_lrs(lrs, ref_lrs, f"train(...) with {name}, {epochs} epochs", mistakes={
            CAUSES[v]: _reference(name, v)[0] for v in ("first", "per_batch_first", "per_batch", "never")})
        expect(sched.last_epoch == ref_steps,
               f"with {name} over {epochs} epochs, scheduler.step() should run {ref_steps} times (once per epoch); "
               f"it ran {sched.last_epoch} times.",
               hint="call scheduler.step() once at the end of every epoch, the last one included.")
        mistakes = {CAUSES[v]: _reference(name, v)[1] for v in ("no_zero_grad", "per_batch", "first", "never")}
        expect_close(model.weight.detach(), ref_w, what=f"model.weight after train(...) with {name}",
                     rtol=1e-5, atol=1e-6, mistakes=mistakes,
                     hint="the lrs you returned are right, but the model did not train with them: each batch "
                          "should do zero_grad, forward, loss_fn, backward, optimizer.step().")
        expect_close(model.bias.detach(), ref_b, what=f"model.bias after train(...) with {name}", rtol=1e-5,
                     atol=1e-6)
