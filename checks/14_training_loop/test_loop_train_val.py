"""loop_train_val: the epoch loop with validation, and the mode switch it needs.

The model has BatchNorm and Dropout and the given evaluate() leaves it in eval
mode, so a fit() that does not call model.train() at the start of EVERY epoch
trains epochs 2+ in eval mode: its history differs from the second epoch on.
"""
import torch
from dlings import data
from dlings.testing import expect, expect_close, fail
from support_14_training_loop import close, float_list, fmt
from torch import nn

EPOCHS = 4
KEYS = ("train_loss", "train_acc", "val_loss", "val_acc")


def _setup(seed=0):
    train_set, val_set = data.moons(200, seed=seed), data.moons(100, split="val", seed=seed)
    train_loader = list(train_set.batches(32, seed=seed))          # 32 x 6 + 8
    val_loader = list(val_set.batches(40, shuffle=False))          # 40, 40, 20
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(2, 32), nn.BatchNorm1d(32), nn.ReLU(), nn.Dropout(0.3), nn.Linear(32, 2))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    return model, optimizer, train_loader, val_loader


def _measure(model, loader, train=None):
    total, correct, seen = 0.0, 0, 0
    for x, y in loader:
        if train is not None:
            train.zero_grad()
        with torch.set_grad_enabled(train is not None):
            out = model(x)
            loss = nn.functional.cross_entropy(out, y)
        if train is not None:
            loss.backward()
            train.step()
        total += loss.item() * len(y)
        correct += (out.argmax(1) == y).sum().item()
        seen += len(y)
    return total / seen, correct / seen


def _reference(variant="right"):
    model, optimizer, train_loader, val_loader = _setup()
    torch.manual_seed(7)
    history = {k: [] for k in KEYS}
    model.train()
    for _ in range(EPOCHS):
        if variant != "train_once":
            model.train()
        if variant == "validate_first":
            model.eval()
            val = _measure(model, val_loader)
            model.train()
        tr = _measure(model, train_loader, optimizer)
        if variant != "validate_first":
            model.eval()
            val = _measure(model, train_loader if variant == "val_on_train" else val_loader)
        for k, v in zip(KEYS, tr + val):
            history[k].append(v)
    return history, model


CAUSES = {
    "train_once": "from the second epoch on, the model trained in eval mode (Dropout off, BatchNorm frozen): "
                  "evaluate() left it in eval mode. Call model.train() at the start of EVERY epoch, inside the loop.",
    "validate_first": "validation ran before that epoch's training: train first, then measure the model that "
                      "epoch produced (and call model.train() before training).",
    "val_on_train": "the validation numbers were measured on train_loader; measure on val_loader.",
}


def test_history(exercise, report):
    model, optimizer, train_loader, val_loader = _setup()
    torch.manual_seed(7)
    history = exercise.fit(model, nn.CrossEntropyLoss(), optimizer, train_loader, val_loader, EPOCHS)
    if history is None or history is Ellipsis:
        fail("fit(...) returned None; it should return the history dict.", hint="finish the TODO and `return "
             "history`.")
    if not isinstance(history, dict):
        fail(f"fit(...) should return a dict of four lists, got {type(history).__name__}.")
    missing = [k for k in KEYS if k not in history]
    expect(not missing, f"the history from fit(...) lacks the key(s) {missing}; it has {sorted(history)}.",
           hint=f"use exactly these keys: {', '.join(KEYS)}.")
    got = {k: float_list(history[k], f"history[{k!r}]") for k in KEYS}
    for k in KEYS:
        if len(got[k]) != EPOCHS:
            fail(f"history[{k!r}] holds {len(got[k])} values after fit(..., epochs={EPOCHS}); it should hold one "
                 "per epoch.", hint="append the four numbers once at the end of every epoch.")
    for epoch in range(EPOCHS):
        for k in KEYS:
            report(k, got[k][epoch], epoch + 1)
    want, ref_model = _reference()
    wrong = {v: _reference(v)[0] for v in CAUSES}
    for k in KEYS:
        if all(close(g, w, rel=1e-4, abs_=1e-6) for g, w in zip(got[k], want[k])):
            continue
        epoch = next(i for i, (g, w) in enumerate(zip(got[k], want[k])) if not close(g, w, rel=1e-4, abs_=1e-6))
        cause = next((CAUSES[v] for v, h in wrong.items()
                      if all(close(g, w, rel=1e-4, abs_=1e-6) for g, w in zip(got[k], h[k]))), None)
        other = next((o for o in KEYS if o != k and all(close(g, w, rel=1e-4, abs_=1e-6)
                                                        for g, w in zip(got[k], want[o]))), None)
        if other:
            cause = f"those are the {other} values: each number goes under its own key."
        fail(f"history[{k!r}] is {fmt(got[k])}; the reference run gives {fmt(want[k])} (first difference at "
             f"epoch {epoch + 1}).", hint=cause or "each epoch: model.train(), train_epoch(...) on train_loader, "
             "then evaluate(...) on val_loader; append the four numbers.")
    for name, value in ref_model.state_dict().items():
        expect_close(model.state_dict()[name], value, what=f"model.{name} after fit(...)", rtol=1e-4, atol=1e-5,
                     hint="train exactly once per epoch, with the optimizer you were given.")


def test_model_arriving_in_eval_mode(exercise):
    # "every epoch must train in training mode", the first one too: a model handed over in eval mode (after
    # an earlier evaluate(), say) must still train its first epoch with Dropout on and BatchNorm learning
    epochs = 2
    model, optimizer, train_loader, val_loader = _setup()
    model.eval()
    torch.manual_seed(7)
    history = exercise.fit(model, nn.CrossEntropyLoss(), optimizer, train_loader, val_loader, epochs)
    expect(isinstance(history, dict) and "train_loss" in history,
           "fit(...) on a model that arrived in eval mode did not return the history dict.")
    got = float_list(history["train_loss"], "history['train_loss']", length=epochs)
    ref, opt, tl, _ = _setup()
    torch.manual_seed(7)
    want, first_in_eval = [], []
    for _ in range(epochs):
        ref.train()
        want.append(_measure(ref, tl, opt)[0])
    ref, opt, tl, _ = _setup()
    ref.eval()
    torch.manual_seed(7)
    first_in_eval.append(_measure(ref, tl, opt)[0])
    if not all(close(g, w, rel=1e-4, abs_=1e-6) for g, w in zip(got, want)):
        fail(f"with a model that arrived in eval mode, fit(..., epochs={epochs}) gave train_loss {fmt(got)}; "
             f"training in training mode every epoch gives {fmt(want)}.",
             hint="the first epoch trained in the mode the model arrived in (eval: Dropout off, BatchNorm "
                  "frozen). Call model.train() at the START of every epoch, before train_epoch, not after "
                  "evaluate." if close(got[0], first_in_eval[0], rel=1e-4, abs_=1e-6) else
                  "call model.train() at the start of every epoch, then train_epoch, then evaluate.")
