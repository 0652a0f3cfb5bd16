"""reg_noisy_labels: suspects() against topk of eval-mode per-sample losses, then on a trained model.

Exact part: a model with Dropout left in training mode, random data, k = 7, 1, 0 and all of them (the
order counts: highest loss first). Any monotone form of the loss (1 - p_true, -log p_true) ranks the
same, so it passes. Trained part: 60 full-batch Adam steps (lr 1e-2) of a 64-wide MLP with dropout on
noisy_moons(300) (1 label in 5 flipped); ask for as many suspects as flipped labels. Measured (data seeds
0-3): 92-97 % of the reference's suspects are flipped (random picks: about 20 %, the lowest losses: 0 %).
The bar: 80 %. About 0.3 s CPU.
"""
import torch
import torch.nn.functional as F
from torch import nn

from dlings import data
from dlings.testing import expect, expect_equal, fail
from support_23_regularization_debugging import noisy_moons

torch.set_num_threads(1)


def mlp(width=64, p=0.2):
    return nn.Sequential(nn.Linear(2, width), nn.ReLU(), nn.Dropout(p), nn.Linear(width, width), nn.ReLU(),
                         nn.Dropout(p), nn.Linear(width, 2))


def losses_of(model, x, y, train=False):
    was = model.training
    model.train(train)
    with torch.no_grad():
        out = F.cross_entropy(model(x), y, reduction="none")
    model.train(was)
    return out


def checked(exercise, model, x, y, k, what):
    grad_on = []
    hook = model.register_forward_hook(lambda m, i, o: grad_on.append(torch.is_grad_enabled()))
    was = model.training
    rng = torch.get_rng_state()
    try:
        got = exercise.suspects(model, x, y, k)
    finally:
        hook.remove()
    after = torch.get_rng_state()
    call = f"suspects(model, x, y, k={k}) {what}"
    if got is None:
        fail(f"{call} returned None.", hint="finish the TODO and return the indices.")
    if not isinstance(got, torch.Tensor):
        fail(f"{call} should return an int64 tensor, got {type(got).__name__}.",
             hint="topk(...).indices (or argsort(...)[:k]) is already a tensor.")
    expect(model.training == was, f"{call} left the model in {'training' if model.training else 'eval'} mode; it "
           f"was in {'training' if was else 'eval'} mode before.",
           hint="was = model.training before model.eval(); model.train(was) at the end.")
    expect(grad_on and not any(grad_on), f"{call} ran the model with gradients on (it built a graph).",
           hint="run the forward inside `with torch.no_grad():`.")
    expect_equal(got.dtype, torch.int64, f"the dtype of {call}")
    expect_equal(tuple(got.shape), (k,), f"the shape of {call}",
                 hint="k indices, even for k=0 (x[-0:] is the WHOLE tensor, not an empty one)."
                 if k == 0 else None)
    losses = losses_of(model, x, y)
    want = losses.argsort(descending=True)[:k]
    if torch.equal(got, want):
        return got
    if k and torch.equal(got.sort().values, want.sort().values):
        fail(f"{call} found the right {k} samples in the wrong order.\n  expected {want.tolist()}\n  got      "
             f"{got.tolist()}", hint="highest loss first: topk sorts that way (argsort(descending=True)).")
    torch.set_rng_state(rng)
    dropped = losses_of(model, x, y, train=True)
    torch.set_rng_state(after)
    cause = None
    if torch.equal(got, dropped.argsort(descending=True)[:k]):
        cause = "these are the losses with dropout ON: model.eval() first (and restore the mode afterwards)."
    elif torch.equal(got, losses.argsort()[:k]):
        cause = "these are the LOWEST losses: the suspects are the samples the model gets most wrong."
    fail(f"{call} gave {got.tolist()[:10]}{' ...' if k > 10 else ''}; the {k} highest per-sample losses "
         f"(eval mode), highest first, are at {want.tolist()[:10]}{' ...' if k > 10 else ''}.",
         hint=cause or "F.cross_entropy(model(x), y, reduction='none') gives one loss per sample; then .topk(k).")


def test_exact(exercise):
    torch.manual_seed(0)
    model = mlp(16, 0.5).train()
    x, y = torch.randn(40, 2) * 2, torch.randint(0, 2, (40,))
    for k in (7, 1, 0, 40):
        checked(exercise, model, x, y, k, "on random data, model in training mode")
    checked(exercise, model.eval(), x, y, 5, "on random data, model in eval mode")


def test_finds_flipped_labels(exercise, report):
    test_exact(exercise)
    x, y = noisy_moons(300)
    flipped = y != data.moons(300, noise=0.15, seed=0).y
    torch.manual_seed(0)
    model = mlp()
    opt = torch.optim.Adam(model.parameters(), lr=1e-2)
    for step in range(60):
        opt.zero_grad()
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        opt.step()
        report("loss", loss.item(), step)
    k = int(flipped.sum())
    found = checked(exercise, model.train(), x, y, k, "on the trained model")
    precision = flipped[found].float().mean().item()
    report.target("precision", 0.8)
    report("precision", precision, 60)
    expect(precision >= 0.8, f"only {precision:.0%} of your {k} suspects have a flipped label (the bar: 80 %).",
           hint="the highest per-sample losses, with dropout off.")
