"""loop_evaluate: eval() and no_grad() around the measurement, mode restored.

The model has BatchNorm (with trained running statistics) and Dropout(0.5),
so measuring in training mode gives different numbers AND changes the running
statistics; a forward hook sees whether gradients were being recorded.
"""
import torch
from dlings.testing import expect, fail
from support_14_training_loop import close, float_pair
from torch import nn

SIZES = (16, 16, 16, 7)


def _setup(seed=0):
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(6, 16), nn.BatchNorm1d(16), nn.ReLU(), nn.Dropout(0.5), nn.Linear(16, 3))
    g = torch.Generator().manual_seed(seed + 1)
    with torch.no_grad():                       # running statistics that differ from any batch's own
        for _ in range(20):
            model(torch.randn(32, 6, generator=g) * 2 + 1)
    n = sum(SIZES)
    x = torch.randn(n, 6, generator=g)
    y = torch.randint(0, 3, (n,), generator=g)
    with torch.no_grad():
        model.eval()
        y = torch.where(torch.rand(n, generator=g) < 0.6, model(x).argmax(1), y)
    model.train()
    loader, start = [], 0
    for b in SIZES:
        loader.append((x[start:start + b], y[start:start + b]))
        start += b
    return model, loader


def _reference(variant="right"):
    model, loader = _setup()
    if variant != "no_eval":
        model.eval()
    torch.manual_seed(1)
    losses, accs = [], []
    with torch.no_grad():
        for x, y in loader:
            out = model(x)
            losses.append(nn.functional.cross_entropy(out, y).item() * len(y))
            accs.append((out.argmax(1) == y).sum().item())
    n = sum(SIZES)
    if variant == "unweighted":
        return (sum(v / b for v, b in zip(losses, SIZES)) / len(SIZES),
                sum(a / b for a, b in zip(accs, SIZES)) / len(SIZES))
    return sum(losses) / n, sum(accs) / n


def _stats(model):
    return {k: v.clone() for k, v in model.state_dict().items()}


def test_eval_mode_numbers(exercise):
    model, loader = _setup()
    before = _stats(model)
    grad_modes = []
    model.register_forward_hook(lambda m, i, o: grad_modes.append(torch.is_grad_enabled()))
    torch.manual_seed(1)
    got_loss, got_acc = float_pair(exercise.evaluate(model, loader, nn.CrossEntropyLoss()), "evaluate(...)")
    want = _reference()
    in_train = _reference("no_eval")
    changed = [k for k, v in model.state_dict().items() if not torch.equal(v, before[k])]
    if changed and any("running" in k or "num_batches" in k for k in changed):
        fail(f"evaluate(...) changed the model's BatchNorm statistics ({', '.join(changed)}).",
             hint="call model.eval() before measuring: in training mode BatchNorm updates its running statistics "
                  "with every batch it sees (and Dropout drops).")
    expect(not changed, f"evaluate(...) changed the model ({', '.join(changed)}): measuring must not train it.",
           hint="no optimizer, no backward() in evaluate.")
    for what, got, k in (("mean loss", got_loss, 0), ("accuracy", got_acc, 1)):
        if close(got, want[k], rel=1e-5, abs_=1e-6):
            continue
        cause = "mean loss = sum(batch loss * batch size) / samples; accuracy = correct / samples."
        if close(got, in_train[k], rel=1e-5, abs_=1e-6):
            cause = ("measured in training mode: Dropout dropped half the features and BatchNorm normalised with "
                     "each batch's own statistics. Call model.eval() first.")
        elif close(got, _reference("unweighted")[k], rel=1e-5, abs_=1e-6):
            cause = ("that is the plain mean of the batch means; weight each batch by its size, as in "
                     "loop_epoch_metrics.")
        fail(f"evaluate(...) returned {what} {got:.6g}; in eval mode over all {sum(SIZES)} samples it is "
             f"{want[k]:.6g}.", hint=cause)
    expect(grad_modes, "evaluate(...) never called the model.", hint="run model(x) on every batch of the loader.")
    expect(not any(grad_modes), "evaluate(...) ran the model with gradient tracking on: autograd recorded a graph "
           "for every batch.", hint="put the loop inside `with torch.no_grad():`.")


def test_mode_restored(exercise):
    for start_training in (True, False):
        model, loader = _setup()
        model.train(start_training)
        exercise.evaluate(model, loader, nn.CrossEntropyLoss())
        modes = {m.training for m in model.modules()}
        name = "training" if start_training else "eval"
        expect(modes == {start_training},
               f"the model came into evaluate(...) in {name} mode and left it in "
               f"{'a mix of modes' if len(modes) > 1 else ('training' if modes.pop() else 'eval')} mode.",
               hint="remember model.training at the start, and end with model.train(was_training)"
                    + (": calling model.train() unconditionally switches an eval model to training."
                       if not start_training else "."))
