import torch
from torch import nn

from dlings.testing import expect, fail

LR, OTHER_LR = 0.01, 0.5


def _model(seed):
    torch.manual_seed(seed)
    return nn.Sequential(nn.Linear(4, 16), nn.Tanh(), nn.Linear(16, 1))


def _batches(seed):
    g = torch.Generator().manual_seed(seed)
    return [(torch.randn(32, 4, generator=g), torch.randn(32, 1, generator=g)) for _ in range(16)]


def _train(model, opt, batches):
    for x, y in batches:
        opt.zero_grad()
        ((model(x) - y) ** 2).mean().backward()
        opt.step()


def _adam(model, lr):
    return torch.optim.Adam(model.parameters(), lr=lr, betas=(0.8, 0.99), weight_decay=1e-3)


def _same_tensors(a, b):
    return all(torch.equal(x, y) for x, y in zip(a, b))


def _opt_state(opt):
    return [t for p in opt.param_groups[0]["params"] for t in
            (opt.state[p].get("step"), opt.state[p].get("exp_avg"), opt.state[p].get("exp_avg_sq"))
            if t is not None] if opt.state else []


def test_resume_is_bitwise_equal(exercise):
    for seed in [0, 1]:
        batches = _batches(seed)
        model = _model(seed)
        opt = _adam(model, LR)
        _train(model, opt, batches[:8])
        at_8 = [p.detach().clone() for p in model.parameters()]
        opt_at_8 = [t.clone() for t in _opt_state(opt)]
        checkpoint = exercise.snapshot(model, opt)
        expect(checkpoint is not None and checkpoint is not Ellipsis,
               f"snapshot(model, optimizer) returned {checkpoint!r}.",
               hint="finish the TODO and return the checkpoint.")
        _train(model, opt, batches[8:])                   # the run that never stopped
        at_16 = [p.detach().clone() for p in model.parameters()]
        opt_at_16 = [t.clone() for t in _opt_state(opt)]
        after_first = None
        for attempt in ["first", "second"]:
            fresh = _model(seed + 100)                    # other weights...
            fresh_opt = _adam(fresh, OTHER_LR)            # ...and another lr, no state
            before = [p.detach().clone() for p in fresh.parameters()]
            exercise.restore(fresh, fresh_opt, checkpoint)
            _expect_restored(fresh, fresh_opt, before, at_8, at_16, opt_at_8, opt_at_16, after_first, attempt)
            _train(fresh, fresh_opt, batches[8:])
            for i, (p, q) in enumerate(zip(fresh.parameters(), at_16)):
                if not torch.equal(p.detach(), q):
                    fail(f"after the {attempt} restore and the same 8 steps, parameter {i} differs from the run "
                         f"that never stopped (largest difference {(p.detach() - q).abs().max().item():.3g}); it "
                         "should be bitwise equal.",
                         hint="restore everything that shapes the next steps: the weights, Adam's state and the "
                              "optimiser's settings.")
            after_first = [t.clone() for t in _opt_state(fresh_opt)]


def _expect_restored(fresh, fresh_opt, before, at_8, at_16, opt_at_8, opt_at_16, after_first, attempt):
    now = [p.detach() for p in fresh.parameters()]
    what = f"after the {attempt} restore(model, optimizer, checkpoint)"
    if not _same_tensors(now, at_8):
        if _same_tensors(now, at_16):
            fail(f"{what}, the model holds the weights of step 16, not of the snapshot at step 8: the "
                 "checkpoint changed while training went on.",
                 hint="model.state_dict() returns the live parameter tensors; copy them "
                      "(copy.deepcopy(...), or .clone() each) when you take the snapshot.")
        if _same_tensors(now, before):
            fail(f"{what}, the fresh model still has its own weights: nothing was loaded into it.",
                 hint="model.load_state_dict(saved_model_state) changes the model you were given, in place.")
        fail(f"{what}, the model's weights are neither the snapshot's (step 8) nor unchanged.",
             hint="save model.state_dict() (a copy of it) and load it back with model.load_state_dict.")
    state = _opt_state(fresh_opt)
    if not state:
        fail(f"{what}, the fresh optimiser has no Adam state (no step, exp_avg, exp_avg_sq): the next steps "
             "would start Adam from scratch.",
             hint="save optimizer.state_dict() in the snapshot and call optimizer.load_state_dict(...) on the "
                  "optimiser given to restore (a new optimiser made inside restore is lost when it returns).")
    if not _same_tensors(state, opt_at_8):
        if after_first is not None and _same_tensors(state, after_first):
            fail(f"{what}, the optimiser's Adam state is where the FIRST restored run ended, not the snapshot's: "
                 "training after the first restore wrote into the checkpoint.",
                 hint="optimizer.load_state_dict(d) keeps the very tensors of d (when dtype and device match), so "
                      "the restored optimiser trains them in place. Load a copy: "
                      "optimizer.load_state_dict(copy.deepcopy(saved)).")
        if _same_tensors(state, opt_at_16):
            fail(f"{what}, the optimiser's Adam state is that of step 16, not of the snapshot at step 8: the "
                 "saved optimizer.state_dict() kept changing while training went on.",
                 hint="optimizer.state_dict() holds the live exp_avg / exp_avg_sq / step tensors: deep-copy it "
                      "(copy.deepcopy) when you take the snapshot.")
        fail(f"{what}, the optimiser's Adam state differs from the snapshot's.",
             hint="optimizer.load_state_dict(copy of the saved optimizer.state_dict()).")
    lr = fresh_opt.param_groups[0]["lr"]
    expect(lr == LR, f"{what}, the optimiser's lr is {lr}; the snapshot's was {LR}.",
           hint="the settings are part of optimizer.state_dict() too (its param_groups); load_state_dict "
                "restores them.")


def test_snapshot_does_not_disturb_training(exercise):
    """Taking a snapshot must not change the model or the optimiser."""
    batches = _batches(2)
    model, ref = _model(2), _model(2)
    opt, ref_opt = _adam(model, LR), _adam(ref, LR)
    for i, (x, y) in enumerate(batches[:6]):
        for m, o in [(model, opt), (ref, ref_opt)]:
            _train(m, o, [(x, y)])
        exercise.snapshot(model, opt)
    for p, q in zip(model.parameters(), ref.parameters()):
        expect(torch.equal(p.detach(), q.detach()),
               "training with a snapshot after every step ends elsewhere than training without: snapshot() "
               "changed the model or the optimiser.", hint="snapshot only reads (and copies); it must not step, "
                                                           "reset or reload anything.")
