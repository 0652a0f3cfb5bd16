"""Class weights: the formulas, then what they buy on an imbalanced set.

Measured here (seeds 0-3, 1,000 points, 5 % of them class 1, a linear model, 200 full-batch SGD steps at lr 0.5,
about 0.25 s): without weights class 1's recall is 35-42 %, with balanced weights 84-86 %; the bar is 70 %.
"""
import torch
import torch.nn.functional as F
from torch import nn

from dlings.testing import expect, expect_close, expect_shape, expect_tensor, fail
from support_12_losses import by_hand, classification_cases, expect_by_hand, single_thread

WHY = "weight the per-sample losses yourself (log_softmax is fine): F.cross_entropy(weight=) is the reference."
GROUPS = ["cross_entropy", "nll"]


def test_balanced_weights(exercise):
    for target, c in [(torch.tensor([0, 0, 0, 0, 0, 0, 1, 1, 0, 0]), 2),
                      (torch.tensor([2, 2, 0, 2, 0, 2, 2, 3]), 5),    # classes 1 and 4 absent (4 is the last)
                      (torch.tensor([1]), 3),
                      (torch.randint(0, 4, (50,), generator=torch.Generator().manual_seed(0)), 4)]:
        what = f"balanced_weights(target, num_classes={c}) for target {target.tolist()[:12]}"
        before = target.clone()
        got = exercise.balanced_weights(target, c)
        expect_tensor(got, what)
        expect(torch.equal(target, before), f"{what} changed target in place.")
        counts = torch.bincount(target, minlength=c).float()
        n = target.numel()
        expect_shape(got, (c,), what, hint="one weight per class, absent classes included: torch.bincount(target, "
                     "minlength=num_classes) counts them all.")
        expect(got.dtype == torch.float32, f"{what} has dtype {got.dtype}; the docstring asks for float32.",
               hint="bincount gives int64 counts: .float() them before dividing.")
        ref = torch.where(counts > 0, n / (c * counts), torch.zeros_like(counts))
        hint = None
        if not torch.isfinite(got).all():
            hint = "a class with no samples has count 0, so N / (C * 0) is inf: give it weight 0 (torch.where)."
        safe = counts.clamp(min=1)
        expect_close(got, ref, what, hint=hint, mistakes={
            "that is 1 / count: the docstring's weights are N / (num_classes * count).": (1 / safe) * (counts > 0),
            "that is count / N, the class frequency; the weight is its inverse, N / (num_classes * count).":
                counts / n,
            "that is N / count: divide by num_classes as well.": (n / safe) * (counts > 0),
        })


def judge(exercise, logits, target, weight, what):
    a = logits.detach().clone().requires_grad_()
    b = logits.detach().clone().requires_grad_()
    with by_hand(GROUPS, WHY):
        got = exercise.weighted_cross_entropy(a, target, weight)
    expect_tensor(got, what)
    expect_shape(got, (), what, hint="the loss is one number: the weighted mean.")
    ref = F.cross_entropy(b, target, weight=weight)
    per = F.cross_entropy(logits, target, reduction="none")
    w = weight[target]
    pred_w = weight[logits.argmax(dim=1)]
    expect_close(got, ref.detach(), what, rtol=1e-5, atol=1e-5, mistakes={
        "you divided by N; the weighted mean divides by the sum of the weights of the samples' targets.":
            (w * per).sum() / len(target),
        "you divided by weight.sum() (every class once); divide by weight[target].sum().": (w * per).sum() / weight.sum(),
        "the weights were ignored.": per.mean(),
        "each sample was weighted by its PREDICTED class; use the weight of its target class, weight[target].":
            (pred_w * per).sum() / pred_w.sum(),
        "you summed without dividing; the loss is the weighted MEAN.": (w * per).sum(),
    }, hint="multiply each sample's LOSS by weight[its target], add those up, and divide by the sum of the same "
            "weights." if torch.isfinite(got) else "use log_softmax: exp() then log() breaks on large logits.")
    expect(got.requires_grad, f"{what} does not require grad: the graph was cut.")
    got.backward()
    ref.backward()
    if a.grad is None:
        fail(f"no gradient reached the logits through {what}.")
    expect_close(a.grad, b.grad, f"the gradient of {what}", rtol=1e-5, atol=1e-4 if logits.abs().max() > 100 else 1e-6)


def test_weighted_cross_entropy(exercise):
    g = torch.Generator().manual_seed(1)
    for desc, logits, target in classification_cases(2):
        weight = (torch.rand(logits.shape[1], generator=g) * 3 + 0.1).to(logits.dtype)
        judge(exercise, logits, target, weight, f"weighted_cross_entropy(logits, target, weight) for {desc}")
    logits = torch.randn(6, 3, generator=g)
    target = torch.tensor([0, 0, 0, 0, 1, 2])
    judge(exercise, logits, target, torch.tensor([0.0, 2.0, 5.0]),
          "weighted_cross_entropy(logits, target, weight=[0, 2, 5]) (class 0 switched off)")


def imbalanced(n, seed, frac):
    g = torch.Generator().manual_seed(seed)
    y = (torch.rand(n, generator=g) < frac).long()
    X = torch.tensor([[0.0, 0.0], [1.5, 1.5]])[y] + torch.randn(n, 2, generator=g)
    return X, y


def test_weights_rescue_the_rare_class(exercise, report):
    X, y = imbalanced(1000, 0, 0.05)
    X_test, y_test = imbalanced(4000, 100, 0.5)
    with by_hand(GROUPS, WHY):
        weight = exercise.balanced_weights(y, 2)
    torch.manual_seed(0)
    model = nn.Linear(2, 2)
    opt = torch.optim.SGD(model.parameters(), lr=0.5)
    report.target("recall of the rare class", 0.7)
    with torch.no_grad(), by_hand(GROUPS, WHY):
        once = exercise.weighted_cross_entropy(model(X), y, weight)
    expect_close(once, F.cross_entropy(model(X), y, weight=weight).detach(), "weighted_cross_entropy(model(X), y, "
                 "weight) on the 1000 training samples", rtol=1e-4, atol=1e-5)
    # Training uses torch's loss with YOUR weights: a per-sample Python loop (correct, but 200 steps x 1000 samples
    # of it take minutes) would otherwise time out; the values of your loss were checked just above.
    with single_thread():
        for step in range(200):
            opt.zero_grad()
            loss = F.cross_entropy(model(X), y, weight=weight)
            loss.backward()
            opt.step()
            if step % 10 == 0:
                report("weighted loss", loss.item(), step)
    with torch.no_grad():
        pred = model(X_test).argmax(dim=1)
    recall = (pred[y_test == 1] == 1).float().mean().item()
    report("recall of the rare class", recall, 200)
    expect(recall >= 0.7, f"trained with your balanced_weights, the model finds {recall:.0%} of "
           "the rare class (5 % of the training set); the bar is 70 % (unweighted training finds about 40 %, "
           "balanced weights about 85 %).", hint="is the rare class's weight the large one, N / (num_classes * count)?")


def test_by_hand(exercise):
    expect_by_hand(exercise.weighted_cross_entropy, GROUPS, WHY)
