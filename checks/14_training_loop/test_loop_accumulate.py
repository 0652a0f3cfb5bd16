"""loop_accumulate: the accumulated step equals the whole-batch step.

A forward pre-hook records the size of every batch the model sees with
gradients on: the model must be called once per piece, never on the whole
batch (a no_grad forward to measure the loss is allowed). The gradients left in
.grad and the parameters after the step must equal those of one step on the
whole batch, for pieces of equal and unequal size, with two different losses.
"""
import torch
from dlings.testing import expect, expect_close, fail
from support_14_training_loop import as_float, close
from torch import nn

CASES = [
    # (n, pieces, loss)
    (10, 3, "mse"),        # 4, 3, 3
    (12, 4, "ce"),         # 3 each
    (5, 5, "mse"),         # pieces of one
    (7, 1, "ce"),          # one piece: the plain step
    (11, 4, "ce"),         # 3, 3, 3, 2
]


def _setup(n, loss, seed=0):
    g = torch.Generator().manual_seed(seed + n)
    x = torch.randn(n, 4, generator=g)
    torch.manual_seed(seed)
    if loss == "mse":
        model = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 2))
        y, loss_fn = torch.randn(n, 2, generator=g), nn.MSELoss()
    else:
        model = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 3))
        y, loss_fn = torch.randint(0, 3, (n,), generator=g), nn.CrossEntropyLoss(label_smoothing=0.1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.5, momentum=0.9)
    return model, optimizer, loss_fn, x, y


def _reference(n, pieces, loss, variant="right"):
    model, optimizer, loss_fn, x, y = _setup(n, loss)
    optimizer.zero_grad()
    if variant == "right":
        value = loss_fn(model(x), y)
        value.backward()
        grads = [p.grad.clone() for p in model.parameters()]
        optimizer.step()
        return value.item(), grads, model
    for xs, ys in zip(torch.tensor_split(x, pieces), torch.tensor_split(y, pieces)):
        if variant == "zero_each":
            optimizer.zero_grad()
        scale = {"unscaled": 1.0, "equal_share": 1 / pieces}.get(variant, len(ys) / n)
        (loss_fn(model(xs), ys) * scale).backward()
    grads = [p.grad.clone() for p in model.parameters()]
    optimizer.step()
    return None, grads, model


CAUSES = {
    "unscaled": "each piece's mean loss went into backward() as it is, so the gradients of the pieces were ADDED: "
                "about `pieces` times too big. Multiply each piece's loss by len(piece) / len(batch).",
    "equal_share": "each piece's loss was divided by the number of pieces; that is right only when all pieces have "
                   "the same size. Weight each by its share of the samples: len(piece) / len(batch).",
    "zero_each": "zero_grad() ran for every piece, so only the last piece's gradient was left: clear once, before "
                 "the first piece.",
}
NAMES = ["first Linear weight", "first Linear bias", "second Linear weight", "second Linear bias"]


def test_equals_the_whole_batch_step(exercise):
    for n, pieces, loss in CASES:
        model, optimizer, loss_fn, x, y = _setup(n, loss)
        sizes = [len(t) for t in torch.tensor_split(torch.arange(n), pieces)]
        seen = []
        model.register_forward_pre_hook(
            lambda m, args, seen=seen: seen.append(len(args[0])) if torch.is_grad_enabled() else None)
        steps = []
        optimizer.register_step_post_hook(lambda *a, steps=steps: steps.append(1))
        call = f"accumulated_step(..., micro_batches={pieces}) on a batch of {n} ({'MSE' if loss == 'mse' else 'cross-entropy'})"
        got = as_float(exercise.accumulated_step(model, loss_fn, optimizer, x, y, pieces), f"what {call} returned")
        if n in seen and pieces > 1:
            fail(f"{call} ran the model on the whole batch of {n}; the point is never to: run it on each piece "
                 f"({sizes}) and let the gradients add up.", hint="for xs, ys in zip(torch.tensor_split(x, "
                 "micro_batches), torch.tensor_split(y, micro_batches)): ...")
        expect(sum(seen) == n and len(seen) >= pieces,
               f"{call} ran the model on batches of sizes {seen}; expected the {pieces} pieces {sizes}.",
               hint="one forward (and one backward) per piece, each sample exactly once.")
        expect(len(steps) == 1, f"{call} called optimizer.step() {len(steps)} times; it should step once, after "
               "the last piece.", hint="step() goes after the loop over the pieces.")
        want_loss, want_grads, ref_model = _reference(n, pieces, loss)
        wrong = {v: _reference(n, pieces, loss, v) for v in CAUSES}
        for i, p in enumerate(model.parameters()):
            if p.grad is None:
                fail(f"after {call}, {NAMES[i]}.grad is None.", hint="backward() on each piece's loss; do not "
                     "clear the gradients after the step (the check reads them).")
            expect_close(p.grad, want_grads[i], what=f"{NAMES[i]}.grad after {call}", rtol=1e-4, atol=1e-6,
                         mistakes={CAUSES[v]: w[1][i] for v, w in wrong.items()},
                         hint="the accumulated gradient must be the gradient of loss_fn(model(x), y) on the whole "
                              "batch: weight each piece's mean loss by len(piece) / len(batch).")
        for name, value in ref_model.state_dict().items():
            expect_close(model.state_dict()[name], value, what=f"model.{name} after {call}", rtol=1e-4, atol=1e-6)
        if not close(got, want_loss, rel=1e-5, abs_=1e-6):
            fail(f"{call} returned {got:.6g}; the whole batch's mean loss is {want_loss:.6g}.",
                 hint="add up each piece's loss times its share (len(piece) / len(batch)): the weighted losses "
                      "sum to the whole batch's mean.")
