import torch
import torch.nn.functional as F
from torch import nn

from dlings import data
from dlings.testing import expect, expect_close, expect_shape, expect_tensor, fail
from support_12_losses import classification_cases, single_thread


def gce(logits, target, q):
    log_p = torch.log_softmax(logits, dim=1).gather(1, target.unsqueeze(1)).squeeze(1)
    return ((1 - torch.exp(q * log_p)) / q).mean()


def wrong(logits, target, q):
    p = torch.softmax(logits, dim=1)
    p_y = p.gather(1, target.unsqueeze(1)).squeeze(1)
    p_top = p.max(dim=1).values
    return {
        "that is the plain cross-entropy, the unbounded loss this exercise replaces.": F.cross_entropy(logits, target),
        "the division by q is missing: (1 - p_y ** q) / q.": (1 - p_y ** q).mean(),
        "q multiplied p_y instead of being its exponent: (1 - p_y ** q) / q.": ((1 - q * p_y) / q).mean(),
        "p_y is the probability of the GIVEN label (target), not of the predicted class.": ((1 - p_top ** q) / q).mean(),
        "p_y comes from the softmax over the classes, not from a sigmoid of the logit.":
            ((1 - torch.sigmoid(logits).gather(1, target.unsqueeze(1)).squeeze(1) ** q) / q).mean(),
        "you summed; the loss is the mean over the samples.": ((1 - p_y ** q) / q).sum(),
    }


def judge(exercise, logits, target, q, what, kwargs):
    a = logits.detach().clone().requires_grad_()
    b = logits.detach().clone().requires_grad_()
    got = exercise.gce_loss(a, target, **kwargs)
    expect_tensor(got, what)
    expect_shape(got, (), what, hint="the loss is one number: the mean over the samples.")
    ref = gce(b, target, q)
    expect_close(got, ref.detach(), what, rtol=1e-5, atol=1e-6, mistakes=wrong(logits, target, q),
                 hint=None if torch.isfinite(got) else "work in log space: p_y ** q = exp(q * log_softmax(...)_y).")
    expect(got.requires_grad, f"{what} does not require grad: the graph was cut.")
    got.backward()
    ref.backward()
    if a.grad is None:
        fail(f"no gradient reached the logits through {what}.")
    # Near +-1000, float32 keeps about 6e-5 of the logits' fractional part: the gradients of equally correct
    # formulas (log_softmax vs logit - logsumexp) differ by ~5e-6 there.
    atol = 1e-4 if logits.abs().max() > 100 else 1e-6
    expect_close(a.grad, b.grad, f"the gradient of {what}", rtol=1e-4, atol=atol,
                 hint=None if torch.isfinite(a.grad).all() else
                 "nan in the gradient: softmax(...) ** q has an infinite slope where a probability is exactly 0 "
                 "(logits of +-1000). Use exp(q * log_softmax(...)), which stays finite.")


def test_values(exercise):
    for desc, logits, target in classification_cases(7):
        judge(exercise, logits, target, 0.7, f"gce_loss(logits, target) for {desc}", {})


def test_other_q(exercise):
    g = torch.Generator().manual_seed(8)
    logits = torch.randn(6, 4, generator=g) * 2
    target = torch.randint(0, 4, (6,), generator=g)
    for q in [1.0, 0.3]:
        note = " (1 - p_y on average)" if q == 1.0 else ""
        judge(exercise, logits, target, q, f"gce_loss(logits, target, q={q}){note}", {"q": q})
    # Near q = 0, 1 - p_y ** q cancels badly in float32; float64 shows the limit (cross-entropy) cleanly.
    judge(exercise, logits.double(), target, 1e-3, "gce_loss(logits, target, q=0.001) for float64 logits "
          "(close to cross-entropy)", {"q": 1e-3})


# --- Training on noisy labels --------------------------------------------------------------------------------
# shapes(1000, variant="noisy", classes=4, label_noise=0.4): 40 % of the training labels are another class.
# A CNN of 38 k parameters, Adam 3e-3, batch 64, 30 epochs, one thread: about 5 s of CPU here.
# Measured over seeds 0-4 (data and model), at the end of training:
#   gce (q=0.7):   clean test accuracy 0.69-0.76, wrong labels fitted 0.25-0.40
#   cross-entropy: clean test accuracy 0.59-0.62, wrong labels fitted 0.50-0.75 (it peaks near 0.66 at epoch 15,
#                  then falls as it memorises)
# The check runs seed 0 (gce 0.76 / 0.27, cross-entropy 0.62 / 0.70). Bars: accuracy >= 0.65, fitted <= 0.45;
# checkpoint: accuracy >= 0.35 after 9 epochs (gce 0.45-0.66 there; chance is 0.25).
EPOCHS, CHECKPOINT = 30, 9
ACC_BAR, FIT_BAR, CHECKPOINT_BAR = 0.65, 0.45, 0.35


def cnn(classes):
    torch.manual_seed(0)
    return nn.Sequential(nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Flatten(), nn.Linear(32 * 4 * 4, 64), nn.ReLU(), nn.Linear(64, classes))


def accuracy(model, x, y):
    with torch.no_grad():
        return (model(x).argmax(dim=1) == y).float().mean().item()


def probe_is_worth_training(exercise):
    """Train only a loss that is right, or plain cross-entropy (the run that must miss the bars): any other wrong
    loss already fails test_values, and need not spend seconds training."""
    g = torch.Generator().manual_seed(9)
    logits, target = torch.randn(8, 4, generator=g) * 2, torch.randint(0, 4, (8,), generator=g)
    with torch.no_grad():
        got = exercise.gce_loss(logits, target)
    expect_tensor(got, "gce_loss(logits, target)")
    for ref in (gce(logits, target, 0.7), F.cross_entropy(logits, target)):
        if got.shape == ref.shape and torch.allclose(got, ref, rtol=1e-4, atol=1e-5):
            return
    fail("gce_loss does not give the right values yet (see the first failure above), so the training run was "
         "skipped.")


def test_learns_through_noisy_labels(exercise, report):
    probe_is_worth_training(exercise)
    train = data.shapes(1000, variant="noisy", classes=4, label_noise=0.4, seed=0)
    test = data.shapes(1000, variant="noisy", classes=4, split="test", seed=0)
    flipped = train.info["flipped"]
    model = cnn(4)
    opt = torch.optim.Adam(model.parameters(), lr=3e-3)
    report.target("clean test accuracy", ACC_BAR)
    with single_thread():
        for epoch in range(EPOCHS):
            total, count = 0.0, 0
            for xb, yb in train.batches(64, seed=epoch):
                opt.zero_grad()
                loss = exercise.gce_loss(model(xb), yb)
                expect_tensor(loss, "gce_loss(logits, target)")
                if not torch.isfinite(loss):
                    fail(f"gce_loss gave {loss.item()} during training (epoch {epoch + 1}).",
                         hint="work in log space: exp(q * log_softmax(...)_y).")
                loss.backward()
                opt.step()
                total, count = total + loss.item() * len(yb), count + len(yb)
            report("train loss", total / count, epoch)
            report.progress(epoch + 1, EPOCHS)
            if epoch + 1 == CHECKPOINT or epoch + 1 == EPOCHS or (epoch + 1) % 3 == 0:
                acc = accuracy(model, test.x, test.y)
                report("clean test accuracy", acc, epoch)
            if epoch + 1 == CHECKPOINT:
                expect(acc >= CHECKPOINT_BAR, f"after {CHECKPOINT} epochs with gce_loss the CNN gets {acc:.1%} of the "
                       f"clean test images right; by then it should be past {CHECKPOINT_BAR:.0%} (chance is 25 %).",
                       hint="is the loss the probability of the GIVEN label, and does it fall as that probability rises?")
    with torch.no_grad():
        fitted = (model(train.x).argmax(dim=1) == train.y)[flipped].float().mean().item()
    report("wrong labels fitted", fitted, EPOCHS)
    expect(acc >= ACC_BAR and fitted <= FIT_BAR,
           f"after {EPOCHS} epochs with gce_loss on labels 40 % wrong, the CNN gets {acc:.1%} of the clean test images "
           f"right and reproduces {fitted:.1%} of the wrong training labels; the bars are >= {ACC_BAR:.0%} and "
           f"<= {FIT_BAR:.0%} (the reference: 76 % and 27 %; plain cross-entropy: 62 % and 70 %).",
           hint="a bounded loss stops pushing on samples whose label the model disagrees with; cross-entropy "
                "never does, and memorises them.")
