"""loop_epochs: epochs of batches, judged in two stages.

1. One epoch on the spirals, compared with the reference loop batch by batch
   (fast: a broken step fails here in about a second).
2. Fifteen epochs from a fresh model, streamed live: the loss after five
   epochs must have fallen (checkpoint), every batch's loss must be returned,
   and the model must classify fresh spiral points.
   Measured (seeds 0-2): 97-99 % test accuracy after 15 epochs; bar 93 %.
   About 2 s of training on one idle core.
"""
import torch
from dlings import data
from dlings.testing import expect_close, fail
from support_14_training_loop import LiveLoss, first_difference, float_list, fmt, mean
from torch import nn

EPOCHS = 15
BATCH = 32
BAR = 0.93


def _setup(seed=0):
    train_set = data.spirals(600, classes=3, seed=seed)
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(2, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 3))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    loader = torch.utils.data.DataLoader(train_set, batch_size=BATCH, shuffle=True,
                                         generator=torch.Generator().manual_seed(seed))
    return model, optimizer, loader


def _reference(epochs, variant="right"):
    model, optimizer, loader = _setup()
    losses = []
    frozen = list(loader) if variant == "one_shuffle" else None
    for _ in range(epochs):
        for x, y in (frozen if variant == "one_shuffle" else loader):
            if variant != "no_zero_grad":
                optimizer.zero_grad()
            loss = nn.functional.cross_entropy(model(x), y)
            loss.backward()
            if variant != "step_per_epoch":
                optimizer.step()
            losses.append(loss.item())
        if variant == "step_per_epoch":
            optimizer.step()
            optimizer.zero_grad()
    return losses, model


CAUSES = {
    "no_zero_grad": "gradients piled up from batch to batch: call optimizer.zero_grad() before each backward().",
    "step_per_epoch": "optimizer.step() ran once per epoch instead of once per batch: every batch gets its own "
                      "zero_grad, forward, loss, backward and step.",
}


def test_one_epoch_then_fifteen(exercise, report):
    # stage 1: one epoch, batch by batch against the reference
    model, optimizer, loader = _setup()
    got = float_list(exercise.train(model, nn.CrossEntropyLoss(), optimizer, loader, 1),
                     "the list train(..., epochs=1) returned")
    ref, ref_model = _reference(1)
    n = len(ref)
    if not got:
        fail(f"train(..., epochs=1) returned an empty list; one epoch of this loader is {n} batches, so {n} "
             "losses.", hint="finish the TODO: append loss.item() after each batch's step.")
    wrong = {v: _reference(1, v) for v in CAUSES}
    for name, want in ref_model.state_dict().items():
        mine = model.state_dict()[name]
        expect_close(mine, want, what=f"model parameter {name!r} after train(..., epochs=1)", rtol=1e-4, atol=1e-5,
                     mistakes={CAUSES[v]: m.state_dict()[name] for v, (_, m) in wrong.items()},
                     hint="one training step per batch: zero_grad, forward, loss_fn, backward, step.")
    i = first_difference(got, ref, rel=1e-4, abs_=1e-6)
    if i is not None:
        fail(f"train(..., epochs=1) returned {len(got)} losses {fmt(got)}; the {n} batch losses of one epoch are "
             f"{fmt(ref)} (first difference at index {i}).",
             hint="append each batch's loss.item(), once per batch, in the order the batches came.")

    # stage 1b: two epochs: the second must see the loader's second shuffle
    model, optimizer, loader = _setup()
    got = float_list(exercise.train(model, nn.CrossEntropyLoss(), optimizer, loader, 2),
                     "the list train(..., epochs=2) returned")
    ref2, _ = _reference(2)
    if len(got) != 2 * n:
        fail(f"train(..., epochs=2) returned {len(got)} losses; 2 epochs of {n} batches are {2 * n}.",
             hint=f"{len(got)} is one epoch: did a `return` end up inside the epoch loop, or was the loader "
                  "turned into an iterator once (iter(loader)) and used up?" if len(got) == n else
                  "run exactly `epochs` passes over the loader and append one loss per batch.")
    i = first_difference(got, ref2, rel=1e-4, abs_=1e-6)
    if i is not None:
        frozen, _ = _reference(2, "one_shuffle")
        fail(f"train(..., epochs=2) returned {len(got)} losses {fmt(got[n:])} for the second epoch; the reference "
             f"loop's {len(ref2)} losses end with {fmt(ref2[n:])} (first difference at index {i}).",
             hint="the second epoch saw the batches of the first epoch again, in the same order: iterate the "
                  "loader itself each epoch (it reshuffles then); list(loader) made once freezes one shuffle."
             if first_difference(got, frozen, rel=1e-4, abs_=1e-6) is None else
             "each epoch is one full pass over the loader: `for x, y in loader:` inside the epoch loop.")

    # stage 2: fifteen epochs from a fresh model, live
    model, optimizer, loader = _setup()
    steps = EPOCHS * n
    report.target("test accuracy", BAR, higher_is_better=True)
    live = LiveLoss(nn.CrossEntropyLoss(), report, total=steps, checkpoints={
        # the reference's 5th epoch mean loss is 0.34 x its first epoch's
        5 * n: (lambda ls: mean(ls[-n:]) < 0.6 * mean(ls[:n]),
                lambda ls: f"after 5 epochs the mean batch loss is {mean(ls[-n:]):.3f}, but the first epoch's was "
                           f"{mean(ls[:n]):.3f}: it should have fallen by 40 % by now (the reference: by 66 %)."),
    })
    got = float_list(exercise.train(model, live, optimizer, loader, EPOCHS),
                     f"the list train(..., epochs={EPOCHS}) returned")
    if len(got) != steps:
        fail(f"train(..., epochs={EPOCHS}) returned {len(got)} losses; {EPOCHS} epochs of {n} batches are {steps}.",
             hint=f"{len(got)} is one epoch: did a `return` end up inside the epoch loop, or was the loader "
                  "turned into an iterator once (iter(loader)) and used up?" if len(got) == n else
                  "run exactly `epochs` passes over the loader and append one loss per batch.")
    i = first_difference(got, live.losses, rel=1e-5, abs_=1e-7)
    if i is not None:
        fail(f"the losses train returned differ from the ones loss_fn computed (first at index {i}: returned "
             f"{got[i]:.5g}, computed {live.losses[i]:.5g}).", hint="append loss.item() of each batch's loss.")
    test = data.spirals(600, classes=3, split="test", seed=0)
    model.eval()
    with torch.no_grad():
        acc = float((model(test.x).argmax(1) == test.y).float().mean())
    report("test accuracy", acc, steps)
    if acc < BAR:
        fail(f"after {EPOCHS} epochs the model classifies {acc:.1%} of fresh spiral points; the bar is {BAR:.0%} "
             "(the reference reaches 97-99 %).", hint="one training step per batch, every epoch.")
