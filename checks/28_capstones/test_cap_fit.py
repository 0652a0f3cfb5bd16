"""cap_fit: epochs with an epoch-based schedule, a checkpoint of the best epoch, early stopping, the best
weights restored at the end.

Two runs of the learner's fit, judged by consistency with its own history (so any correct loop passes):
- a learning run (a small BN CNN, 1,500 shapes, 500 validation, Adam 3e-3, StepLR(2, 0.5), 4 epochs, patience 2):
  the reference reaches 0.68-0.86 best validation accuracy (seeds 0-2), about 2-3 s of CPU. Bar 0.45.
- a stopping run (a linear model, validation labels shuffled so its accuracy wanders around chance, patience 2,
  at most 12 epochs): the reference stops after epoch 4 (seed 0) in well under a second.
Then two scripted runs (a linear model on 64 samples, well under a second): evaluate() is replaced by one that
returns a fixed accuracy for each epoch (the epoch counted from the training batches run so far, so calling it
twice, or before scheduler.step(), changes nothing) and keeps a copy of the weights it saw. A tie with the best,
an improvement after a bad epoch (the count of bad epochs starts again) and a run that improves to the last
epoch decide what a wandering real history may never show. A fit that never calls evaluate() skips these.
"""
import math

import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from dlings.testing import expect, expect_close, fail
from support_28_capstones import describe, seed_all, shapes_data

KEYS = ("model", "optimizer", "scheduler", "epoch", "val_accuracy")


def _cnn():
    return nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(8, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(16, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(),
                         nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(16, 6))


@torch.no_grad()
def _evaluate(model, loader):
    model.eval()
    right = sum(int((model(x).argmax(1) == y).sum()) for x, y in loader)
    return right / sum(len(y) for _, y in loader)


def _expected_length(history, patience, max_epochs):
    best, best_epoch = -math.inf, 0
    for epoch, acc in enumerate(history, 1):
        if acc > best:
            best, best_epoch = acc, epoch
        elif epoch - best_epoch >= patience:
            return epoch
    return max_epochs


def _run(exercise, tmp_path, *, model, train, val, max_epochs, patience, lr, what):
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    sched = torch.optim.lr_scheduler.StepLR(opt, step_size=2, gamma=0.5)
    g = torch.Generator().manual_seed(0)
    train_loader = DataLoader(TensorDataset(*train), batch_size=64, shuffle=True, generator=g)
    val_loader = DataLoader(TensorDataset(*val), batch_size=250)
    path = tmp_path / f"{what}.pt"
    modes = []
    hook = model.register_forward_pre_hook(lambda m, a: modes.append((m.training, torch.is_grad_enabled())))
    call = f"fit(model, optimizer, scheduler, train_loader, val_loader, max_epochs={max_epochs}, patience={patience}, ckpt_path=...)"
    try:
        history = exercise.fit(model, opt, sched, train_loader, val_loader, max_epochs=max_epochs,
                               patience=patience, ckpt_path=str(path))
    finally:
        hook.remove()
    if history is None or history is Ellipsis:
        fail(f"{call} returned {history!r}.", hint="finish the TODO and return the list of validation accuracies.")
    if not isinstance(history, (list, tuple)) or not all(isinstance(a, (float, int)) for a in history):
        fail(f"{call} should return a list of floats (one validation accuracy per epoch), not {describe(history)}.",
             hint="append float(evaluate(model, val_loader)) after each epoch.")
    history = [float(a) for a in history]
    expect(1 <= len(history) <= max_epochs, f"{call} returned {len(history)} accuracies; expected 1 to {max_epochs}.")
    train_eval = sum(1 for training, grad in modes if grad and not training)
    if train_eval:
        fail(f"{train_eval} forward passes that recorded gradients (training) ran with the model in eval mode.",
             hint="evaluate() switches the model to eval mode; call model.train() at the START of every epoch, "
                  "not once before the loop, or epochs 2 and later train with frozen BatchNorm statistics.")
    return history, opt, sched, path, call, val_loader


def _check_bookkeeping(exercise, model, history, opt, sched, path, call, val_loader, patience, max_epochs):
    n = len(history)
    if not path.exists():
        fail(f"{call} wrote no file at ckpt_path.", hint="torch.save the checkpoint dict to ckpt_path whenever the "
                                                          "validation accuracy improves (epoch 1 always does).")
    ckpt = torch.load(path, weights_only=True)
    expect(isinstance(ckpt, dict) and all(k in ckpt for k in KEYS),
           f"the checkpoint should be a dict with the keys {list(KEYS)}; it is {describe(ckpt)}"
           + (f" with the keys {sorted(ckpt)}" if isinstance(ckpt, dict) else "") + ".")
    best_epoch = max(range(n), key=lambda i: (history[i], -i)) + 1
    if ckpt["epoch"] != best_epoch:
        fail(f"the history is {[round(a, 3) for a in history]}: the best epoch is {best_epoch}, but the checkpoint "
             f"on disk is from epoch {ckpt['epoch']}.",
             hint="save only when the accuracy beats every earlier epoch (strictly higher), so the file always holds "
                  "the best epoch so far, never simply the latest.")
    expect_close(torch.tensor(float(ckpt["val_accuracy"])), torch.tensor(history[best_epoch - 1]),
                 "checkpoint['val_accuracy']", hint="store the validation accuracy of the epoch you save.")
    want = _expected_length(history, patience, max_epochs)
    if n != want:
        fail(f"with patience={patience} and max_epochs={max_epochs}, the history {[round(a, 3) for a in history]} "
             f"should have ended after epoch {want}, but fit ran {n} epochs.",
             hint=f"stop once {patience} epochs in a row have not improved on the best: after epoch e when "
                  f"e - best_epoch >= patience (not >, which waits one epoch too many).")
    state = model.state_dict()
    diff = [k for k in ckpt["model"] if not torch.equal(ckpt["model"][k], state[k])]
    if diff:
        fail(f"after fit returns, the model's weights are not the checkpoint's (best epoch {best_epoch}; "
             f"{len(diff)} entries differ, e.g. {diff[0]}).",
             hint="at the end, load the best checkpoint back: model.load_state_dict(torch.load(ckpt_path, "
                  "weights_only=True)['model']).")
    if sched.last_epoch != n:
        fail(f"fit ran {n} epochs, but the scheduler was stepped {sched.last_epoch} times.",
             hint="call scheduler.step() once per epoch, after the epoch's batches (not after each batch, and not "
                  "never).")
    expect(ckpt["scheduler"].get("last_epoch") == best_epoch,
           f"the checkpoint's scheduler state has last_epoch {ckpt['scheduler'].get('last_epoch')}, but it was saved "
           f"after epoch {best_epoch}.", hint="save scheduler.state_dict() after stepping it for that epoch.")
    fresh = torch.optim.Adam(model.parameters(), lr=1.0)
    try:
        fresh.load_state_dict(ckpt["optimizer"])
    except Exception as exc:  # noqa: BLE001
        fail(f"checkpoint['optimizer'] could not be loaded into a fresh Adam: {exc}",
             hint="store optimizer.state_dict().")
    acc = _evaluate(model, val_loader)
    expect_close(torch.tensor(acc), torch.tensor(max(history)), "the restored model's validation accuracy",
                 atol=1e-6, hint="the weights restored at the end should be those of the best epoch.")


def test_stops_early_and_restores_best(exercise, tmp_path):
    seed_all(0)
    train, _ = shapes_data()
    x, y = train.x[:600], train.y[:600]
    val_x, val_y = train.x[600:900], train.y[600:900][torch.randperm(300, generator=torch.Generator().manual_seed(1))]
    model = nn.Sequential(nn.Flatten(), nn.Linear(3 * 16 * 16, 6))
    history, opt, sched, path, call, vl = _run(exercise, tmp_path, model=model, train=(x, y), val=(val_x, val_y),
                                               max_epochs=12, patience=2, lr=3e-3, what="stop")
    _check_bookkeeping(exercise, model, history, opt, sched, path, call, vl, 2, 12)


def test_learns(exercise, tmp_path, report):
    seed_all(0)
    train, _ = shapes_data()
    model = _cnn()
    report.target("best val accuracy", 0.45)
    history, opt, sched, path, call, vl = _run(exercise, tmp_path, model=model, train=(train.x[:1500], train.y[:1500]),
                                               val=(train.x[1500:2000], train.y[1500:2000]), max_epochs=4,
                                               patience=2, lr=3e-3, what="learn")
    for i, a in enumerate(history, 1):
        report("val accuracy", a, i)
    _check_bookkeeping(exercise, model, history, opt, sched, path, call, vl, 2, 4)
    best = max(history)
    expect(best >= 0.45, f"the best validation accuracy over {len(history)} epochs is {best:.0%} (chance is 17 %; the "
                         "reference reaches 68-86 %).",
           hint="each epoch: model.train(), then for every batch zero_grad, cross_entropy, backward, step.")


# (script, patience, max_epochs, epochs fit must run, best epoch). Script 1: the tie at epoch 4 is no improvement,
# epoch 6 improves after two bad epochs (a count of bad epochs that is never reset stops at epoch 5), epochs 7-9
# are three bad ones in a row (a tie at 8 again): stop after epoch 9 (`>` would run epoch 10 and save it).
SCRIPTS = [([0.50, 0.40, 0.60, 0.60, 0.55, 0.70, 0.65, 0.70, 0.68, 0.90], 3, 10, 9, 6),
           ([0.20, 0.30, 0.40, 0.50], 1, 4, 4, 4)]


def test_scripted_histories(exercise, tmp_path):
    for n, (script, patience, max_epochs, want_len, want_best) in enumerate(SCRIPTS):
        torch.manual_seed(0)
        model = nn.Sequential(nn.Flatten(), nn.Linear(12, 3))
        x, y = torch.randn(64, 3, 2, 2), torch.randint(0, 3, (64,))
        opt = torch.optim.SGD(model.parameters(), lr=0.1)
        sched = torch.optim.lr_scheduler.StepLR(opt, step_size=2, gamma=0.5)
        train_loader = DataLoader(TensorDataset(x, y), batch_size=32, shuffle=True,
                                  generator=torch.Generator().manual_seed(0))
        val_loader = DataLoader(TensorDataset(x, y), batch_size=64)
        batches = [0]
        seen = {}
        hook = model.register_forward_pre_hook(lambda m, a: batches.__setitem__(0, batches[0] + torch.is_grad_enabled()))

        def scripted_evaluate(model_, loader):
            model_.eval()
            epoch = max(1, batches[0] // len(train_loader))
            seen[epoch] = {k: v.detach().clone() for k, v in model_.state_dict().items()}
            return script[min(epoch, len(script)) - 1]

        path = tmp_path / f"scripted{n}.pt"
        call = (f"fit(..., max_epochs={max_epochs}, patience={patience}) with validation accuracies "
                f"{script[:max_epochs]} for epochs 1, 2, ...")
        real = exercise.__dict__.get("evaluate")
        exercise.evaluate = scripted_evaluate
        try:
            history = exercise.fit(model, opt, sched, train_loader, val_loader, max_epochs=max_epochs,
                                   patience=patience, ckpt_path=str(path))
        finally:
            exercise.evaluate = real
            hook.remove()
        if not seen:
            return  # fit does not call evaluate(): judged by the two real runs only
        if not isinstance(history, (list, tuple)):
            fail(f"{call} returned {describe(history)}, not the list of accuracies.")
        if len(history) != want_len:
            fail(f"{call} ran {len(history)} epochs (history {list(history)}); it should have run {want_len}.",
                 hint=(f"an epoch improves only when its accuracy is STRICTLY higher than every earlier one (a tie is "
                       f"not an improvement), and fit stops as soon as epoch - best_epoch >= patience (not >)."
                       if len(history) > want_len else
                       f"stop only when the last {patience} epochs IN A ROW did not improve: a better epoch starts the "
                       f"count again (epoch - best_epoch >= patience); with no such run, all max_epochs={max_epochs} "
                       f"epochs run."))
        expect(path.exists(), f"{call} wrote no file at ckpt_path.")
        ckpt = torch.load(path, weights_only=True)
        expect(isinstance(ckpt, dict) and all(k in ckpt for k in KEYS),
               f"the checkpoint should be a dict with the keys {list(KEYS)}; it is {describe(ckpt)}.")
        if ckpt["epoch"] != want_best:
            fail(f"{call}: the checkpoint on disk is from epoch {ckpt['epoch']}, but the best epoch is {want_best}.",
                 hint="save only when the accuracy is strictly higher than every earlier epoch's: a tie with the best "
                      "is not an improvement (acc > best, not >=).")
        want = seen.get(want_best)
        if want is not None:
            state = model.state_dict()
            if any(not torch.equal(state[k], want[k]) for k in want):
                fail(f"{call}: after fit returns, the model's weights are not those it had after epoch {want_best}, "
                     "the best one.", hint="save a copy of the best weights (torch.save writes one; a state_dict() "
                     "kept in a variable is a live view that changes with the model) and load the checkpoint's "
                     "'model' back at the end.")
