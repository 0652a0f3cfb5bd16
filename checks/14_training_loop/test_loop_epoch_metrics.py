"""loop_epoch_metrics: epoch loss and accuracy weighted by batch size.

The loaders have batches of different sizes, and the small last batch of the
first one is made of hard samples, so an unweighted mean of batch means, a
denominator of len(loader) * batch_size, or metrics measured after the update
all give numbers far from the right ones.
"""
import torch
from dlings.testing import expect_close, fail
from support_14_training_loop import close, float_pair
from torch import nn

LOADERS = {
    "batches of 20, 20, 20 and 5 (the last 5 hard ones)": (20, 20, 20, 5),
    "batches of 7, 30, 1 and 11": (7, 30, 1, 11),
}


def _setup(sizes, seed=0):
    torch.manual_seed(seed)
    model = nn.Linear(5, 4)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
    g = torch.Generator().manual_seed(seed + 1)
    n = sum(sizes)
    x = torch.randn(n, 5, generator=g)
    with torch.no_grad():
        y = model(x).argmax(1)                      # mostly right at first ...
    flip = torch.rand(n, generator=g) < 0.3
    y = torch.where(flip, torch.randint(0, 4, (n,), generator=g), y)
    if sizes[-1] == 5:                              # ... but the last batch is all wrong, with big margins
        with torch.no_grad():
            x[-5:] *= 4
            y[-5:] = model(x[-5:]).argmin(1)
    loader, start = [], 0
    for b in sizes:
        loader.append((x[start:start + b], y[start:start + b]))
        start += b
    return model, optimizer, loader


def _reference(sizes, variant="right"):
    model, optimizer, loader = _setup(sizes)
    losses, accs, counts = [], [], []
    for x, y in loader:
        optimizer.zero_grad()
        out = model(x)
        loss = nn.functional.cross_entropy(out, y)
        loss.backward()
        optimizer.step()
        if variant == "after_step":
            with torch.no_grad():
                out = model(x)
                loss = nn.functional.cross_entropy(out, y)
        losses.append(loss.item())
        accs.append((out.argmax(1) == y).float().mean().item())
        counts.append(len(y))
    n = sum(counts)
    if variant == "unweighted":
        return sum(losses) / len(losses), sum(accs) / len(accs), model
    if variant == "batch_size_times_batches":
        d = len(loader) * counts[0]
        return sum(v * c for v, c in zip(losses, counts)) / d, sum(a * c for a, c in zip(accs, counts)) / d, model
    return sum(v * c for v, c in zip(losses, counts)) / n, sum(a * c for a, c in zip(accs, counts)) / n, model


CAUSES = {
    "unweighted": "that is the plain mean of the batch means: a batch of 5 counted as much as a batch of 20. Weight "
                  "each batch by its size: add loss.item() * len(y), then divide by the number of samples.",
    "batch_size_times_batches": "the total was divided by len(loader) * (size of the first batch), but the batches "
                                "are not all that size: count the samples you actually saw.",
    "after_step": "the metrics came from a second forward pass after the update; measure with the outputs the step "
                  "itself computed (before optimizer.step() changed the model).",
}


def test_weighted_by_batch_size(exercise):
    for label, sizes in LOADERS.items():
        model, optimizer, loader = _setup(sizes)
        got_loss, got_acc = float_pair(exercise.train_epoch(model, nn.CrossEntropyLoss(), optimizer, loader),
                                       "train_epoch(...)")
        want_loss, want_acc, ref_model = _reference(sizes)
        wrong = {v: _reference(sizes, v) for v in CAUSES}
        for name, want in ref_model.state_dict().items():
            expect_close(model.state_dict()[name], want, what=f"model.{name} after train_epoch with {label}",
                         rtol=1e-5, atol=1e-6,
                         hint="each batch gets one step: zero_grad, forward, loss_fn, backward, step.")
        for what, got, want, k in (("mean loss", got_loss, want_loss, 0), ("accuracy", got_acc, want_acc, 1)):
            if not close(got, want, rel=1e-5, abs_=1e-6):
                cause = next((CAUSES[v] for v, r in wrong.items() if close(got, r[k], rel=1e-5, abs_=1e-6)), None)
                if what == "accuracy" and close(got, want * sum(sizes)):
                    cause = "that is the number of correct predictions; divide by the number of samples."
                fail(f"with {label} ({sum(sizes)} samples), train_epoch returned {what} {got:.6g}; over every "
                     f"sample of the epoch it is {want:.6g}.",
                     hint=cause or ("accuracy = correct predictions (argmax over the classes, dim=1) / samples."
                                    if k else "mean loss = sum(batch loss * batch size) / samples."))
