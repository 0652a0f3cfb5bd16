"""cap_ensemble: ensemble_predict (the mean of softmax probabilities, eval mode, no gradients) checked exactly, then
5 members trained by train_ensemble and the ensemble measured against its best member.

Measured on 2 cores, one thread (2,000 train / 1,000 test shapes, the given CNN and loop, 4 epochs per member;
members seeded base + 0..4 for base 0, 1, 5, 10, 20): best member 0.87-0.90, ensemble of 5 0.89-0.93, a gain of
+0.012 to +0.035; about 5-9 s of CPU for the five. The check (base 0): members 0.81-0.89, ensemble 0.919.
Bar: ensemble accuracy >= best member + 0.005 (5 more test images right).
"""
import torch
from torch import nn

from dlings.testing import expect, expect_close, expect_tensor, expect_untouched, fail, snapshot
from support_28_capstones import describe, expect_module, seed_all, shapes_data

K, MARGIN = 5, 0.005


def _members(seed=0, k=3, classes=6):
    g = torch.Generator().manual_seed(seed)
    out = []
    for _ in range(k):
        m = nn.Sequential(nn.BatchNorm2d(3), nn.Conv2d(3, 4, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(1),
                          nn.Flatten(), nn.Linear(4, classes))
        with torch.no_grad():
            for p in m.parameters():
                p.copy_(torch.randn(p.shape, generator=g) * 1.5)
            m[0].running_mean.uniform_(-0.5, 0.5, generator=g)
            m[0].running_var.uniform_(0.2, 3.0, generator=g)
        out.append(m.train())
    return out


def _reference(models, x):
    with torch.no_grad():
        return torch.stack([torch.softmax(m.eval()(x), 1) for m in models]).mean(0)


def _check_predict(exercise):
    g = torch.Generator().manual_seed(3)
    for k, n, classes in ((3, 20, 6), (1, 1, 4), (4, 7, 10)):
        models = _members(k, k, classes)
        x = torch.rand(n, 3, 8, 8, generator=g)
        before = snapshot(models)
        grads = []
        hooks = [m.register_forward_pre_hook(lambda mod, a, grads=grads: grads.append(torch.is_grad_enabled()))
                 for m in models]
        try:
            got = exercise.ensemble_predict(models, x)
        finally:
            for h in hooks:
                h.remove()
        what = f"ensemble_predict({k} models, x of shape {tuple(x.shape)})"
        expect_tensor(got, what)
        expect_untouched(models, before, f"the members' parameters and buffers after {what}",
                         hint="put each member in eval mode (model.eval()) before predicting: in train mode "
                              "BatchNorm normalises with the batch's own statistics and updates its running ones.")
        expect(grads and not any(grads), f"{what} recorded gradients (or never called the members).",
               hint="predict inside `with torch.no_grad():`.")
        want = _reference(models, x)
        with torch.no_grad():
            logits = torch.stack([m(x) for m in models])
        expect_close(got, want, what, mistakes={
            "you averaged the logits and then took the softmax; average the probabilities (softmax of each member "
            "first, then the mean).": torch.softmax(logits.mean(0), 1),
            "you averaged the raw logits: take each member's softmax first, then the mean.": logits.mean(0),
            "this is a vote count: average the probabilities, not the argmax votes.":
                torch.nn.functional.one_hot(logits.argmax(2), classes).float().mean(0),
        })


def test_ensemble_predict(exercise):
    _check_predict(exercise)


def test_ensemble_beats_best_member(exercise, report):
    _check_predict(exercise)
    train, test = shapes_data(n_train=2000)
    given = getattr(exercise, "train", None)
    starts, orders, seen = [], [], []
    if callable(given):
        def watched(model, split, *args, **kwargs):
            if any(model is m for m in seen):
                fail(f"train_ensemble trains the same model object again for member {len(seen) + 1}: every member "
                     "would be that one model, trained on and on.",
                     hint="build a fresh model with make_model() for every member, right after torch.manual_seed(i).")
            seen.append(model)
            state = [p.detach().clone() for p in model.parameters()]
            idx = len(starts)
            seed_arg = kwargs.get("seed", args[0] if args else None)
            if seed_arg != idx:
                fail(f"member {idx + 1} (i = {idx}) is trained with seed={seed_arg!r}; the rule is "
                     f"train(model, train_split, seed=i), so seed={idx}.",
                     hint="inside `for i in range(k)`: train(make_model(), train_split, seed=i).")
            with torch.random.fork_rng():
                torch.manual_seed(idx)
                want = [p.detach() for p in exercise.make_model().parameters()]
            if len(want) != len(state) or not all(torch.equal(a, b) for a, b in zip(want, state)):
                fail(f"member {idx + 1} (i = {idx}) does not start from the weights make_model() gives right after "
                     f"torch.manual_seed({idx}).", hint="member i: torch.manual_seed(i), then make_model() (nothing "
                     "drawing random numbers in between), then train it.")
            for i, (s, o) in enumerate(zip(starts, orders)):
                same_start = len(s) == len(state) and all(torch.equal(a, b) for a, b in zip(s, state))
                same_order = o == (args, kwargs)
                if same_start and same_order:
                    fail(f"member {len(starts) + 1} starts from exactly the weights of member {i + 1} and is trained "
                         "with the same seed: it will be an identical copy, and an ensemble of copies is no better "
                         "than one model.", hint="member i: torch.manual_seed(i) right before make_model(), and "
                                                 "train(model, train_split, seed=i).")
            starts.append(state)
            orders.append((args, kwargs))
            out = given(model, split, *args, **kwargs)
            report.progress(len(starts), K)
            return out

        exercise.train = watched
    seed_all(0)
    try:
        models = exercise.train_ensemble(train, K)
    finally:
        if callable(given):
            exercise.train = given
    if models is None or models is Ellipsis:
        fail(f"train_ensemble(train_split, {K}) returned {models!r}.", hint="finish the TODO and return the list.")
    if not isinstance(models, (list, tuple)) or len(models) != K:
        fail(f"train_ensemble(train_split, {K}) should return a list of {K} models, not {describe(models)}.")
    for i, m in enumerate(models):
        expect_module(m, f"member {i + 1}")
    if len({id(m) for m in models}) < K:
        fail(f"train_ensemble returned the same model object more than once ({len({id(m) for m in models})} distinct "
             f"of {K}).", hint="build a fresh model with make_model() for every member.")
    accs = []
    for i, m in enumerate(models):
        acc = float((_reference([m], test.x).argmax(1) == test.y).float().mean())
        accs.append(acc)
        report("member accuracy", acc, i + 1)
    ens = float((exercise.ensemble_predict(models, test.x).argmax(1) == test.y).float().mean())
    report("ensemble accuracy", ens, K)
    best = max(accs)
    expect(min(accs) > 0.5, f"the members' test accuracies are {[round(a, 3) for a in accs]}: some did not learn "
           "(the given loop brings each to about 0.8-0.9).", hint="train every member with train(model, train_split, "
           "seed=i) before returning it.")
    expect(ens >= best + MARGIN, f"the ensemble of {K} gets {ens:.1%} of the test images right; its best member "
           f"{best:.1%} (members: {', '.join(f'{a:.1%}' for a in accs)}). It should beat the best member by at least "
           f"{MARGIN:.1%} (the reference: 91.9 % against 89.0 %).",
           hint="members must differ (a different seed each: torch.manual_seed(i) and seed=i) and the prediction "
                "must average their probabilities.")
