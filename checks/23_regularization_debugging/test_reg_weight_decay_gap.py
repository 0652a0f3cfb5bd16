"""reg_weight_decay_gap: run() against a reference on a short run, then the effect on a full one.

The short run (5 steps, seed=3, weight_decay=0.5, torch's global RNG disturbed first) must give the
reference's numbers: it catches a missing or ignored seed, Adam's L2 decay instead of AdamW's, biases in
the norm, the loss of the last training step instead of a fresh one. It costs a few ms, so wrong answers
fail fast. The full runs: 250 steps on noisy_moons(200) (1 label in 5 flipped), validated on
noisy_moons(1000, "val"). Measured with the reference (data seeds 0-2, init seeds 0-1): the gap
val_loss - train_loss is 0.31-0.58 at weight_decay=0 and 0.03-0.08 at 3.0 (ratio 0.24 at most); the weight
norm 18-27 vs 5.8-8.2 (ratio 0.37 at most); val_loss 0.66-0.89 vs 0.54-0.55. Bars: gap ratio < 0.5, norm
ratio < 0.6, lower val_loss. Both full runs: about 1 s CPU.
"""
import torch
import torch.nn.functional as F

from dlings.testing import expect, fail
from support_23_regularization_debugging import expect_float_dict, noisy_moons

torch.set_num_threads(1)
KEYS = ("train_loss", "val_loss", "weight_norm")


def reference(exercise, wd, x, y, xv, yv, steps, seed, opt="adamw", norm="weights", loss="after"):
    torch.manual_seed(seed)
    model = exercise.make_mlp()
    cls = torch.optim.AdamW if opt == "adamw" else torch.optim.Adam
    optimizer = cls(model.parameters(), lr=1e-2, weight_decay=wd)
    last = None
    for _ in range(steps):
        optimizer.zero_grad()
        out = F.cross_entropy(model(x), y)
        out.backward()
        optimizer.step()
        last = out.item()
    with torch.no_grad():
        tl = F.cross_entropy(model(x), y).item() if loss == "after" else last
        vl = F.cross_entropy(model(xv), yv).item()
        mats = [p for p in model.parameters() if p.dim() == 2]
        if norm == "weights":
            wn = torch.sqrt(sum((p ** 2).sum() for p in mats)).item()
        elif norm == "all":
            wn = torch.sqrt(sum((p ** 2).sum() for p in model.parameters())).item()
        else:
            wn = sum(p.norm() for p in mats).item()
    return {"train_loss": tl, "val_loss": vl, "weight_norm": wn}


def close(a, b):
    return abs(a - b) <= 1e-5 * (1 + abs(b))


def call(exercise, wd, data, steps, seed):
    kwargs = {} if steps is None else {"steps": steps}
    if seed is not None:
        kwargs["seed"] = seed
    got = exercise.run(wd, *data, **kwargs)
    shown = ", ".join(f"{k}={v}" for k, v in kwargs.items())
    what = f"run({wd}, x, y, xv, yv{', ' + shown if shown else ''})"
    return expect_float_dict(got, KEYS, what), what


def test_short_run_matches(exercise):
    (x, y), (xv, yv) = noisy_moons(60, seed=1), noisy_moons(100, "val", seed=1)
    data = (x, y, xv, yv)
    torch.manual_seed(1234)                         # run() must not depend on the global RNG: it seeds itself
    got, what = call(exercise, 0.5, data, 5, 3)
    want = reference(exercise, 0.5, *data, 5, 3)
    wrong = [k for k in KEYS if not close(got[k], want[k])]
    if wrong:
        mistakes = {
            "the seed argument is ignored: torch.manual_seed(seed), with the seed you were given.":
                reference(exercise, 0.5, *data, 5, 0),
            "torch.optim.Adam(weight_decay=...) adds an L2 term to the gradient; this experiment uses "
            "torch.optim.AdamW, whose decay shrinks the weights directly.":
                reference(exercise, 0.5, *data, 5, 3, opt="adam"),
            "weight_decay never reached the optimizer: torch.optim.AdamW(model.parameters(), lr=1e-2, "
            "weight_decay=weight_decay).": reference(exercise, 0.0, *data, 5, 3),
            "the biases are in your weight_norm: take the 2-D parameters only (p.dim() == 2).":
                reference(exercise, 0.5, *data, 5, 3, norm="all"),
            "you added up each matrix's norm: the norm of all of them together is the square root of the sum of "
            "ALL their squared entries.": reference(exercise, 0.5, *data, 5, 3, norm="sum"),
            "train_loss is the loss of the last training step, measured BEFORE that step's update: compute it "
            "again on the trained model.": reference(exercise, 0.5, *data, 5, 3, loss="last"),
        }
        cause = next((c for c, v in mistakes.items() if all(close(got[k], v[k]) for k in wrong)), None)
        again, _ = call(exercise, 0.5, data, 5, 3)
        if cause is None and any(not close(again[k], got[k]) for k in KEYS):
            cause = ("two calls with the same seed gave different numbers: seed torch at the START of run(), "
                     "before make_mlp() draws the initial weights.")
        lines = "\n".join(f"  {k}: expected {want[k]:.6g}, got {got[k]:.6g}" for k in wrong)
        fail(f"{what} on a small set (torch's global RNG seeded with 1234 first) gave other numbers than the "
             f"experiment described:\n{lines}",
             hint=cause or "seed, make_mlp(), AdamW(lr=1e-2, weight_decay=weight_decay), `steps` full-batch "
                           "steps with zero_grad, backward, step; then the losses on the trained model.")


def test_weight_decay_shrinks_the_gap(exercise, report):
    test_short_run_matches(exercise)
    data = noisy_moons(200) + noisy_moons(1000, "val")
    runs = {}
    for wd in (0.0, 3.0):
        runs[wd], _ = call(exercise, wd, data, None, None)
        report("gap", runs[wd]["val_loss"] - runs[wd]["train_loss"], int(wd))
        report("weight_norm", runs[wd]["weight_norm"], int(wd))
    a, b = runs[0.0], runs[3.0]
    gap0, gap3 = a["val_loss"] - a["train_loss"], b["val_loss"] - b["train_loss"]
    table = "".join(f"\n  weight_decay={wd}: train loss {r['train_loss']:.3f}, val loss {r['val_loss']:.3f}, gap "
                    f"{r['val_loss'] - r['train_loss']:.3f}, weight norm {r['weight_norm']:.2f}"
                    for wd, r in runs.items())
    expect(gap0 > 0.2, "without weight decay the model should learn the noise (gap above 0.2), but:" + table,
           hint="the defaults are steps=250 and seed=0.")
    expect(gap3 < 0.5 * gap0 and b["val_loss"] < a["val_loss"], "with weight_decay=3.0 the gap should be under "
           "half the plain one and the val loss lower, but:" + table)
    expect(b["weight_norm"] < 0.6 * a["weight_norm"], "with weight_decay=3.0 the weight norm should be well "
           "under the plain one (below 0.6x), but:" + table)
