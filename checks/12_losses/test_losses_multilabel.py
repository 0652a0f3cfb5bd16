"""Multi-label: a sigmoid and a BCE per label, thresholds per label.

Measured here: a linear model trained 150 full-batch Adam steps (lr 0.05) on 600 points of multilabel_toy reaches
micro-F1 0.96 on 2,000 fresh points with BCE-with-logits; with softmax cross-entropy on the multi-hot targets it
reaches 0.83 (0.58 if predictions come from softmax or argmax). The bar is 0.92. About 0.3 s.
"""
import torch
import torch.nn.functional as F
from torch import nn

from dlings.testing import expect, expect_close, expect_shape, expect_tensor, fail
from support_12_losses import huge_logits, micro_f1, multilabel_toy, single_thread


def loss_cases():
    g = torch.Generator().manual_seed(0)
    yield "logits (6, 4)", torch.randn(6, 4, generator=g) * 2, (torch.rand(6, 4, generator=g) < 0.4).float()
    yield "logits (5, 3) of about +-1000", huge_logits(5, 3, 1), (torch.rand(5, 3, generator=g) < 0.5).float()
    yield "logits (1, 1)", torch.tensor([[-0.3]]), torch.tensor([[1.0]])
    yield "float64 logits (3, 7)", torch.randn(3, 7, generator=g, dtype=torch.float64), \
        (torch.rand(3, 7, generator=g) < 0.5).double()


def test_loss(exercise):
    for desc, logits, targets in loss_cases():
        what = f"multilabel_loss(logits, targets) for {desc}"
        a = logits.clone().requires_grad_()
        b = logits.clone().requires_grad_()
        got = exercise.multilabel_loss(a, targets)
        expect_tensor(got, what)
        expect_shape(got, (), what, hint="one number: the mean over all N * L entries.")
        ref = F.binary_cross_entropy_with_logits(b, targets)
        n, labels = logits.shape
        mistakes = {
            "that is softmax cross-entropy, which makes the labels compete for one unit of probability: each label "
            "is its own yes/no question, so use a sigmoid and binary cross-entropy per label.":
                F.cross_entropy(logits, targets),
            "that is sigmoid + BCELoss: it clamps log(0) to -100 at large logits. Use BCE with logits.":
                F.binary_cross_entropy(torch.sigmoid(logits), targets),
            "you summed over the labels and averaged over the samples; average over all N * L entries.":
                F.binary_cross_entropy_with_logits(logits, targets, reduction="sum") / n,
            "you summed; average over all N * L entries.":
                F.binary_cross_entropy_with_logits(logits, targets, reduction="sum"),
        }
        expect_close(got, ref.detach(), what, rtol=1e-5, atol=1e-5, mistakes=mistakes,
                     hint=None if torch.isfinite(got) else "log(sigmoid) of a large logit is -inf: work from the logits.")
        expect(got.requires_grad, f"{what} does not require grad: the graph was cut.")
        got.backward()
        ref.backward()
        if a.grad is None:
            fail(f"no gradient reached the logits through {what}.")
        expect_close(a.grad, b.grad, f"the gradient of {what}", rtol=1e-5, atol=1e-7)


def test_predict(exercise):
    g = torch.Generator().manual_seed(1)
    logits = torch.randn(6, 4, generator=g) * 2
    logits[0] = torch.tensor([0.0, 0.0, -0.2, 0.2])    # sigmoid(0) is exactly 0.5: not above it
    per_label = torch.tensor([0.5, 0.2, 0.9, 0.35])
    for args, thr, desc in [((), 0.5, "predict(logits)"), ((0.3,), 0.3, "predict(logits, 0.3)"),
                            ((per_label,), per_label, "predict(logits, thresholds=[0.5, 0.2, 0.9, 0.35])"),
                            ((0.5,), 0.5, "predict(logits, 0.5)")]:
        got = exercise.predict(logits.clone(), *args)
        what = f"{desc} for logits (6, 4)"
        expect_tensor(got, what)
        probs = torch.sigmoid(logits)
        ref = probs > thr
        expect_shape(got, (6, 4), what, hint="one yes/no per (sample, label): compare every entry, no argmax, no "
                     "reduction.")
        if got.dtype != torch.bool:
            fail(f"{what} has dtype {got.dtype}; the docstring asks for a bool tensor.",
                 hint="a comparison (probs > thresholds) already gives one; no .float() or .long().")
        expect_close(got, ref, what, mistakes={
            "the logits were compared with the threshold directly; compare sigmoid(logits), the probabilities.":
                logits > thr,
            "softmax makes the labels compete; each label has its own sigmoid.": torch.softmax(logits, 1) > thr,
            "a probability exactly equal to the threshold counts as NO: the docstring says strictly above (>).":
                probs >= thr,
            "only one label per sample (argmax); several labels can be on at once.":
                F.one_hot(logits.argmax(1), 4).bool(),
        })


def test_training_reaches_f1(exercise, report):
    X, Y = multilabel_toy(600, 0)
    X_test, Y_test = multilabel_toy(2000, 1)
    torch.manual_seed(0)
    model = nn.Linear(10, 5)
    opt = torch.optim.Adam(model.parameters(), lr=0.05)
    report.target("micro-F1", 0.92)
    with single_thread():
        for step in range(150):
            opt.zero_grad()
            loss = exercise.multilabel_loss(model(X), Y)
            loss.backward()
            opt.step()
            if step % 10 == 0:
                report("loss", loss.item(), step)
    with torch.no_grad():
        pred = exercise.predict(model(X_test))
    expect_tensor(pred, "predict(logits)")
    f1 = micro_f1(pred, Y_test)
    report("micro-F1", f1, 150)
    expect(f1 >= 0.92, f"a linear model trained with multilabel_loss and judged with predict reaches micro-F1 "
           f"{f1:.3f} on fresh points; the bar is 0.92 (BCE with sigmoid thresholds reaches about 0.96, softmax "
           "cross-entropy about 0.83).")
