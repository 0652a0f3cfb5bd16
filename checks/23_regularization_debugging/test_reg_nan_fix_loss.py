import torch
import torch.nn.functional as F

from dlings.testing import expect, expect_close, expect_shape, expect_tensor, fail


def reference(logits, target, a, b):
    return F.cross_entropy(logits, target) + torch.linalg.vector_norm(a - b, dim=1).mean()


def clamped(logits, target, a, b):
    p = torch.softmax(logits, dim=1).clamp(min=1e-12)
    return -torch.log(p[torch.arange(len(target)), target]).mean() + torch.linalg.vector_norm(a - b, dim=1).mean()


def eps_sqrt(logits, target, a, b):
    return F.cross_entropy(logits, target) + (((a - b) ** 2).sum(dim=1) + 1e-8).sqrt().mean()


def cases():
    g = torch.Generator().manual_seed(0)
    t = torch.randint(0, 3, (6,), generator=g)
    a = torch.randn(6, 4, generator=g)
    yield "ordinary inputs: logits (6, 3), a and b (6, 4)", torch.randn(6, 3, generator=g), t, a, \
        torch.randn(6, 4, generator=g)
    b = a.clone()
    b[::2] += torch.randn(3, 4, generator=g)       # rows 1, 3, 5 have a == b
    yield "pairs where a == b (rows 1, 3 and 5)", torch.randn(6, 3, generator=g), t, a, b
    big = torch.randn(6, 3, generator=g) * 200     # softmax underflows to 0 for the wrong classes
    yield "huge logits (std 200): the target's softmax underflows to 0 on some rows", big, t, a, \
        torch.randn(6, 4, generator=g)
    yield "huge logits AND pairs where a == b, float64", (big * 10).double(), t, a.double(), b.double()
    yield "one sample, a == b", torch.tensor([[300.0, -300.0]]), torch.tensor([1]), torch.ones(1, 2), torch.ones(1, 2)


def test_value_and_gradients(exercise):
    for what, logits, target, a, b in cases():
        call = f"fixed_loss(logits, target, a, b) for {what}"
        lg, ag = logits.clone().requires_grad_(), a.clone().requires_grad_()
        got = expect_tensor(exercise.fixed_loss(lg, target, ag, b.clone()), call)
        expect_shape(got, (), call, hint="the loss is one number: the mean cross-entropy plus the mean distance.")
        lr, ar = logits.clone().requires_grad_(), a.clone().requires_grad_()
        want = reference(lr, target, ar, b)
        if not bool(torch.isfinite(got)):
            fail(f"{call} is {got.item()}, expected {want.item():.6g}.",
                 hint="log(softmax(z)) is -inf where softmax underflowed to 0: take log_softmax (or "
                      "F.cross_entropy), which works from the logits and never forms that 0.")
        mistakes = {}
        for cause, fn in [
            ("you clamped the probability before the log: the loss is capped (about 27.6 per sample) instead of its "
             "true value. Use log_softmax / cross_entropy: exact and finite.", clamped),
            ("an eps inside the sqrt changes the value (by sqrt(eps) where a == b); torch.linalg.vector_norm is "
             "exact and its gradient at 0 is 0.", eps_sqrt)]:
            value = fn(logits, target, a, b)
            if not torch.allclose(value, want.detach(), rtol=1e-5, atol=1e-5):
                mistakes[cause] = value
        expect_close(got.detach(), want.detach(), what=call, rtol=1e-5, atol=1e-5, mistakes=mistakes)
        if not got.requires_grad:
            fail(f"{call} does not require grad: the loss must stay connected to logits and a (no .item(), no "
                 "torch.no_grad()).")
        got.backward()
        want.backward()
        for name, mine, ref, cause in [
            ("logits", lg, lr, "the cross-entropy term: softmax underflows to 0 and log's gradient 1/0 meets a 0 "
                               "in softmax's backward. log_softmax / F.cross_entropy avoid it."),
            ("a", ag, ar, "the distance term: sqrt's gradient at 0 is inf, and inf * 0 = NaN in the backward of "
                          "(a - b) ** 2 (torch.where(d > 0, d.sqrt(), 0) does not help: both branches are "
                          "differentiated). torch.linalg.vector_norm(a - b, dim=1) has gradient 0 there."),
        ]:
            if mine.grad is None:
                fail(f"after {call}.backward(), {name}.grad is None: the loss does not depend on {name}.")
            if not bool(torch.isfinite(mine.grad).all()):
                fail(f"after {call}.backward(), {name}.grad holds NaN or inf: {mine.grad.flatten()[:6].tolist()}",
                     hint=cause)
            if name == "a":
                # where a == b the norm has no derivative: any subgradient (length <= 1/N) is fine, so
                # F.pairwise_distance (an eps inside) passes too; elsewhere the gradient is exact
                same = (a == b).all(dim=1)
                n = len(a)
                expect(bool((mine.grad[same].norm(dim=1) <= (1 + 1e-3) / n).all()),
                       f"after {call}.backward(), a.grad on the rows where a == b is too large: "
                       f"{mine.grad[same].tolist()}", hint="the distance there is 0; its gradient is 0 (vector_norm).")
                expect_close(mine.grad[~same], ref.grad[~same], what=f"the gradient a.grad of {call} on the rows "
                             "where a != b", rtol=1e-4, atol=1e-5)
            else:
                expect_close(mine.grad, ref.grad, what=f"the gradient {name}.grad of {call}", rtol=1e-4, atol=1e-5)


def test_zero_distances_within_1e_5(exercise):
    # Every pair has a == b, so the distance term is exactly 0 and the loss is the cross-entropy alone.
    # The docstring allows 1e-5: F.pairwise_distance (eps=1e-6 added to a - b) is 2e-6 off here (D = 4),
    # sqrt(s + 1e-12) 1e-6, sqrt(s + 1e-10) 1e-5 (allowed); sqrt(s + 1e-9) is 3.2e-5 off, 1e-8 1e-4 off.
    g = torch.Generator().manual_seed(1)
    for dtype in (torch.float32, torch.float64):
        logits = torch.randn(5, 3, generator=g).to(dtype)
        target = torch.randint(0, 3, (5,), generator=g)
        a = torch.randn(5, 4, generator=g).to(dtype)
        call = f"fixed_loss(logits, target, a, b) with b == a on every row ({dtype})"
        got = expect_tensor(exercise.fixed_loss(logits.clone(), target, a.clone(), a.clone()), call)
        want = F.cross_entropy(logits, target)
        expect_close(got.detach(), want, what=call, rtol=1e-6, atol=1.5e-5,
                     hint="every distance is 0 here, so the loss is the cross-entropy alone; a value above it "
                          "means an eps inside the sqrt (or added to a - b) moved the zero distances by more "
                          "than the 1e-5 the docstring allows. torch.linalg.vector_norm is exact at 0.")
