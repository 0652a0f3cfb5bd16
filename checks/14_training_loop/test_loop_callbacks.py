"""loop_callbacks: who hears what, when.

Recording callbacks compare every event (order, step numbers, epoch numbers,
losses, the epoch's weighted mean) with the reference loop; a callback that
asks to stop sits FIRST in the list, so a loop that stops before the later
callbacks heard the epoch's end (any() short-circuits!) is caught.
"""
import torch
from dlings.testing import expect, expect_equal, fail
from support_14_training_loop import as_float, close
from torch import nn

SIZES = (16, 16, 8)


def _setup(seed=0):
    torch.manual_seed(seed)
    model = nn.Linear(3, 2)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.3)
    g = torch.Generator().manual_seed(seed + 1)
    x = torch.randn(sum(SIZES), 3, generator=g)
    y = (x[:, 0] + 0.5 * torch.randn(len(x), generator=g) > 0).long()
    x[-8:] *= 3                                  # a small last batch with larger losses
    loader, start = [], 0
    for b in SIZES:
        loader.append((x[start:start + b], y[start:start + b]))
        start += b
    return model, optimizer, loader


def _reference(epochs, stop_at=None):
    model, optimizer, loader = _setup()
    events, step = [], 0
    for epoch in range(1, epochs + 1):
        total, seen = 0.0, 0
        for x, y in loader:
            optimizer.zero_grad()
            loss = nn.functional.cross_entropy(model(x), y)
            loss.backward()
            optimizer.step()
            step += 1
            total += loss.item() * len(y)
            seen += len(y)
            events.append(("step", step, loss.item()))
        events.append(("epoch", epoch, total / seen))
        if epoch == stop_at:
            return events, epoch
    return events, epochs


class Recorder:
    def __init__(self, name, report=None):
        self.name, self.report, self.events = name, report, []

    def on_step_end(self, step, loss):
        loss = as_float(loss, f"the loss passed to {self.name}.on_step_end")
        self.events.append(("step", step, loss))
        if self.report is not None:
            self.report("loss", loss, step)

    def on_epoch_end(self, epoch, logs):
        if not isinstance(logs, dict) or "loss" not in logs:
            fail(f"{self.name}.on_epoch_end(epoch, logs) got logs={logs!r:.80}; logs should be a dict "
                 "{'loss': the epoch's mean loss}.")
        self.events.append(("epoch", epoch, as_float(logs["loss"], "logs['loss'] passed to on_epoch_end")))
        if self.report is not None:
            self.report("epoch mean loss", logs["loss"], self.events[-2][1] if len(self.events) > 1 else epoch)


class Stopper(Recorder):
    def __init__(self, name, at):
        super().__init__(name)
        self.at = at

    def on_epoch_end(self, epoch, logs):
        super().on_epoch_end(epoch, logs)
        return epoch == self.at


def _compare(events, want, who, call):
    steps = [e[1] for e in events if e[0] == "step"]
    want_steps = [e[1] for e in want if e[0] == "step"]
    epochs = [e[1] for e in events if e[0] == "epoch"]
    want_epochs = [e[1] for e in want if e[0] == "epoch"]
    if steps and steps != want_steps:
        hint = None
        if steps[:len(SIZES)] == want_steps[:len(SIZES)] and len(steps) > len(SIZES) and steps[len(SIZES)] == 1:
            hint = "the step count restarted each epoch: count steps across the whole run (set it to 0 once, " \
                   "before the epoch loop)."
        elif steps and steps[0] == 0:
            hint = "steps count from 1: add 1 to the count before calling on_step_end."
        fail(f"with {call}, {who}.on_step_end was called with steps {steps[:12]}{'...' if len(steps) > 12 else ''};"
             f" expected {want_steps[:12]}{'...' if len(want_steps) > 12 else ''}.", hint=hint or
             "call on_step_end once after every optimizer.step(), with the number of steps so far.")
    if epochs != want_epochs:
        hint = "epochs count from 1: for epoch in range(1, epochs + 1)." if epochs and epochs[0] == 0 else \
            "call on_epoch_end once at the end of every epoch."
        fail(f"with {call}, {who}.on_epoch_end was called with epochs {epochs}; expected {want_epochs}.", hint=hint)
    expect([e[0] for e in events] == [e[0] for e in want],
           f"with {call}, {who} heard the events in the wrong order: each epoch, {len(SIZES)} on_step_end calls "
           "(one per batch), then one on_epoch_end.", hint="call on_step_end inside the batch loop, on_epoch_end "
           "after it.")
    for got, ref in zip(events, want):
        if not close(got[2], ref[2], rel=1e-5, abs_=1e-7):
            if got[0] == "step":
                fail(f"with {call}, {who}.on_step_end(step={got[1]}, loss) got loss {got[2]:.6g}; that batch's "
                     f"loss is {ref[2]:.6g}.", hint="pass loss.item() of the batch just trained on.")
            fail(f"with {call}, {who}.on_epoch_end(epoch={got[1]}, logs) got logs['loss'] {got[2]:.6g}; the epoch's "
                 f"mean loss per sample is {ref[2]:.6g}.",
                 hint="the batches differ in size: add loss.item() * len(y) and divide by the samples seen, as in "
                      "loop_epoch_metrics.")


def test_events(exercise, report):
    model, optimizer, loader = _setup()
    recorders = [Recorder("the first callback", report), Recorder("the second callback")]
    ran = exercise.fit(model, nn.CrossEntropyLoss(), optimizer, loader, 4, recorders)
    want, _ = _reference(4)
    for rec in recorders:
        expect(rec.events, f"fit(..., epochs=4) never called {rec.name}.",
               hint="finish the TODO: call cb.on_step_end(...) and cb.on_epoch_end(...) for every cb in callbacks.")
        _compare(rec.events, want, rec.name, "fit(..., epochs=4) and two callbacks")
    expect_equal(ran, 4, "what fit(..., epochs=4) returned (the number of epochs run; nobody asked to stop)")


def test_stop_request(exercise):
    model, optimizer, loader = _setup()
    stopper, listener = Stopper("the first callback (it asks to stop at epoch 2)", at=2), Recorder(
        "the second callback")
    call = "fit(..., epochs=5) and a first callback that returns True at the end of epoch 2"
    ran = exercise.fit(model, nn.CrossEntropyLoss(), optimizer, loader, 5, [stopper, listener])
    want, _ = _reference(5, stop_at=2)
    heard = [e[1] for e in stopper.events if e[0] == "epoch"]
    if len(heard) > 2 and heard[:2] == [1, 2]:
        fail(f"with {call}, training went on after the request: the callbacks heard the end of epochs {heard}.",
             hint="when any on_epoch_end returns True, stop after that epoch (return the number of epochs run).")
    _compare(stopper.events, want, stopper.name, call)
    if [e[1] for e in listener.events if e[0] == "epoch"] == [1]:
        fail(f"with {call}, the second callback never heard the end of epoch 2: training stopped as soon as the "
             "first one asked.", hint="call on_epoch_end on EVERY callback and remember whether any returned True "
             "(any(...) over a generator stops at the first True: build the list of answers first).")
    _compare(listener.events, want, listener.name, call)
    expect_equal(ran, 2, f"what {call} returned (the number of epochs run)")
