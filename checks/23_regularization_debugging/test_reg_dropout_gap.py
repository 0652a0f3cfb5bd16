"""reg_dropout_gap: make_mlp's layers, measure() against an eval-mode, no-graph reference, then the effect.

Both runs (p=0 and p=0.5) start from the same weights (seed 0) and train the same way: full-batch Adam,
lr 1e-2, 250 steps on noisy_moons(200) (1 label in 5 flipped), validated on noisy_moons(1000, "val").
Measured with the reference (data seeds 0-2): the gap val_loss - train_loss ends at 0.40 / 0.58 / 0.37
without dropout and 0.12 / 0.09 / 0.04 with p=0.5 (ratio 0.30 at most); val_loss 0.72-0.89 vs 0.54-0.57.
The bar: the dropout gap below 0.5 x the plain one, and a lower val_loss. Both runs: about 1 s CPU.
measure() is judged before any training (fail fast): dropout left on, a graph built, the mode not restored.
"""
import torch
import torch.nn.functional as F
from torch import nn

from dlings.testing import expect, fail
from support_23_regularization_debugging import eval_loss_acc, noisy_moons

torch.set_num_threads(1)
STEPS, EVERY, LR = 250, 50, 1e-2
SIZES = [(2, 64), (64, 64), (64, 2)]


def build(exercise, p):
    model = exercise.make_mlp(p)
    if model is None:
        fail(f"make_mlp({p}) returned None.", hint="finish the TODO and return the nn.Sequential.")
    expect(isinstance(model, nn.Module), f"make_mlp({p}) should return an nn.Sequential, got {type(model).__name__}.")
    return model


def linear_io(model, x):
    """Inputs and outputs of each nn.Linear, in the order they run."""
    seen = []
    hooks = [m.register_forward_hook(lambda m, i, o: seen.append((m, i[0].detach(), o.detach())))
             for m in model.modules() if isinstance(m, nn.Linear)]
    try:
        out = model(x)
    finally:
        for h in hooks:
            h.remove()
    return seen, out.detach()


def check_make_mlp(exercise):
    x = torch.randn(400, 2)
    for p in (0.0, 0.5, 0.25):
        torch.manual_seed(0)
        model = build(exercise, p)
        model.train()
        seen, out = linear_io(model, x)
        sizes = [(m.in_features, m.out_features) for m, _, _ in seen]
        expect(sizes == SIZES, f"make_mlp({p}) runs nn.Linear layers of sizes (in, out) {sizes}; expected {SIZES}.")
        drops = [m for m in model.modules() if isinstance(m, nn.Dropout)]
        expect(len(drops) == 2 and all(d.p == p for d in drops),
               f"make_mlp({p}) holds {len(drops)} nn.Dropout with p = {[d.p for d in drops]}; expected 2, each with "
               f"p={p}.", hint="one nn.Dropout(p) after each of the two hidden ReLUs, with the p you were given.")
        expect(torch.equal(seen[0][1], x), f"in training mode, make_mlp({p}) changes the input before the first "
               "Linear.", hint="no dropout on the input: 2 input features, half of them dropped, leaves nothing.")
        expect(torch.equal(out, seen[-1][2]), f"in training mode, make_mlp({p})'s output is not the output of its "
               "last Linear(64, 2): something comes after it.",
               hint="no dropout (or activation) on the output logits: dropping a logit is not regularisation.")
        if p == 0.5:
            for k in (1, 2):
                zeros = (seen[k][1] == 0).float().mean().item()
                expect(zeros > 0.65, f"in training mode, only {zeros:.0%} of the inputs to Linear {k + 1} are 0; "
                       "after a ReLU (about half) and Dropout(0.5) (half of the rest) about 75 % should be.",
                       hint="Dropout(p) after EACH hidden ReLU, before the next Linear.")
            model.eval()
            torch.manual_seed(0)
            plain = build(exercise, 0.0).eval()
            with torch.no_grad():
                expect(torch.allclose(model(x), plain(x), atol=1e-6),
                       "make_mlp(0.5) and make_mlp(0.0), built after the same seed, give different outputs in eval "
                       "mode; dropout should be the only difference, and it is off in eval mode.",
                       hint="the same seven layers for every p, only Dropout(p) differing.")


def checked_measure(exercise, model, x, y, what):
    grad_on = []
    hook = model.register_forward_hook(lambda m, i, o: grad_on.append(torch.is_grad_enabled()))
    was = model.training
    rng = torch.get_rng_state()
    try:
        got = exercise.measure(model, x, y)
    finally:
        hook.remove()
    after = torch.get_rng_state()
    call = f"measure(model, x, y) on {what}"
    if got is None:
        fail(f"{call} returned None.", hint="finish the TODO and return (loss, accuracy).")
    expect(isinstance(got, (tuple, list)) and len(got) == 2, f"{call} should return (loss, accuracy), got {got!r:.80}.")
    for name, v in zip(("loss", "accuracy"), got):
        if isinstance(v, torch.Tensor):
            fail(f"the {name} from {call} is a tensor; return Python floats (.item()).")
        expect(isinstance(v, (float, int)) and not isinstance(v, bool),
               f"the {name} from {call} should be a Python float, got {type(v).__name__} {v!r:.60}.")
    expect(model.training == was, f"{call} left the model in {'training' if model.training else 'eval'} mode; it "
           f"was in {'training' if was else 'eval'} mode before.",
           hint="remember model.training before model.eval(), and call model.train(that value) at the end: a "
                "training loop that measures between steps would go on training with dropout off.")
    expect(grad_on and not any(grad_on), f"{call} ran the model with gradients on (it built a graph).",
           hint="run the forward inside `with torch.no_grad():`.")
    want = eval_loss_acc(model, x, y)
    loss, acc = float(got[0]), float(got[1])
    if abs(loss - want[0]) <= 1e-5 * (1 + want[0]) and abs(acc - want[1]) <= 1e-6:
        return loss, acc
    cause = None
    torch.set_rng_state(rng)                     # replay: the same dropout masks as the learner's forward drew
    with torch.no_grad():
        out = model.train()(x)
    model.train(was)
    torch.set_rng_state(after)
    train_mode = (F.cross_entropy(out, y).item(), (out.argmax(1) == y).float().mean().item())
    if abs(loss - train_mode[0]) <= 1e-5 * (1 + train_mode[0]):
        cause = "these are the numbers with dropout ON: measure in eval mode (model.eval()), then restore the mode."
    elif abs(loss - want[1]) < 1e-6 or abs(acc - want[0]) < 1e-6:
        cause = "loss and accuracy are swapped: return (loss, accuracy)."
    fail(f"{call} gave loss {loss:.6g}, accuracy {acc:.6g}; with dropout off (eval mode) the model gives loss "
         f"{want[0]:.6g}, accuracy {want[1]:.6g}.",
         hint=cause or "mean F.cross_entropy(model(x), y), and (model(x).argmax(1) == y).float().mean(), in eval mode.")


def check_measure(exercise):
    torch.manual_seed(1)
    model = build(exercise, 0.5)
    x, y = torch.randn(64, 2), torch.randint(0, 2, (64,))
    checked_measure(exercise, model.train(), x, y, "a model in training mode")
    checked_measure(exercise, model.eval(), x, y, "a model in eval mode")


def preflight(exercise):
    """The layers and measure() first, in every test, so a wrong one fails in a second, before any training."""
    state = torch.get_rng_state()
    check_make_mlp(exercise)
    check_measure(exercise)
    torch.set_rng_state(state)


def test_make_mlp_and_measure(exercise):
    preflight(exercise)


def run(exercise, p, data, report):
    (x, y), (xv, yv) = data
    torch.manual_seed(0)
    model = build(exercise, p).train()
    opt = torch.optim.Adam(model.parameters(), lr=LR)
    for step in range(STEPS + 1):
        if step % EVERY == 0:
            tl, _ = checked_measure(exercise, model, x, y, f"the training set (p={p}, step {step})")
            vl, _ = checked_measure(exercise, model, xv, yv, f"the validation set (p={p}, step {step})")
            report(f"gap p={p}", vl - tl, step)
            if step == STEPS:
                return tl, vl
        opt.zero_grad()
        F.cross_entropy(model(x), y).backward()
        opt.step()


def test_dropout_shrinks_the_gap(exercise, report):
    preflight(exercise)
    data = noisy_moons(200), noisy_moons(1000, "val")
    report.target("gap p=0.5", 0.2, higher_is_better=False)
    tl0, vl0 = run(exercise, 0.0, data, report)
    tl5, vl5 = run(exercise, 0.5, data, report)
    gap0, gap5 = vl0 - tl0, vl5 - tl5
    table = (f"\n  p=0.0: train loss {tl0:.3f}, val loss {vl0:.3f}, gap {gap0:.3f}"
             f"\n  p=0.5: train loss {tl5:.3f}, val loss {vl5:.3f}, gap {gap5:.3f}")
    expect(gap0 > 0.2, "without dropout the model should learn the noise (gap above 0.2), but:" + table,
           hint="make_mlp(0.0) must be the full 64-wide MLP with dropout 0.")
    expect(gap5 < 0.5 * gap0 and vl5 < vl0, "with p=0.5 the gap should be under half the plain one, and the "
           "val loss lower, but:" + table, hint="Dropout(p) after each hidden ReLU, and measure() in eval mode.")
