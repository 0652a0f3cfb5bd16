"""Helpers shared by the checks of 23_regularization_debugging."""
import math

import torch

from dlings.testing import expect, fail


def expect_float_dict(got, keys, what):
    """got is a dict holding a Python float (or int) under each key; returns it."""
    if got is None:
        fail(f"{what} returned None.", hint="finish the TODO and return the dict.")
    expect(isinstance(got, dict), f"{what} should return a dict, got {type(got).__name__}: {got!r}.")
    missing = [k for k in keys if k not in got]
    expect(not missing, f"{what} has no key(s) {missing}; expected the keys {list(keys)}.")
    for k in keys:
        v = got[k]
        if isinstance(v, torch.Tensor):
            fail(f"{what}[{k!r}] is a tensor; return Python floats (.item()).")
        expect(isinstance(v, (float, int)) and not isinstance(v, bool),
               f"{what}[{k!r}] should be a Python float, got {type(v).__name__} {v!r}.")
    return got


def close(a, b, tol=1e-6):
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return math.isclose(a, b, rel_tol=tol, abs_tol=tol)


def expect_values(got, expected, what, mistakes=None):
    """Compare dict values key by key; name the mistake whose values match."""
    wrong = {k: (got[k], v) for k, v in expected.items() if not close(float(got[k]), float(v))}
    if not wrong:
        return
    lines = "\n".join(f"  {k}: expected {v:.6g}, got {g:.6g}" for k, (g, v) in wrong.items())
    cause = None
    for text, values in (mistakes or {}).items():
        if all(close(float(got[k]), float(values[k])) for k in wrong if k in values) and \
                any(k in values for k in wrong):
            cause = text
            break
    fail(f"{what}:\n{lines}", hint=cause)


def one_thread_seed(seed=0):
    torch.manual_seed(seed)


def noisy_moons(n, split="train", seed=0, flip=0.2):
    """Two moons with a fraction `flip` of labels swapped (train and val alike): a small noisy set on which a
    wide MLP learns the noise by heart. The same draw as the exercises' own noisy_moons()."""
    from dlings import data

    d = data.moons(n, noise=0.15, split=split, seed=seed)
    g = torch.Generator().manual_seed(1000 + seed + (0 if split == "train" else 1))
    y = d.y.clone()
    flipped = torch.rand(len(y), generator=g) < flip
    y[flipped] = 1 - y[flipped]
    return d.x, y


def eval_loss_acc(model, x, y):
    """Mean cross-entropy and accuracy in eval mode without a graph; the mode is restored."""
    was = model.training
    model.eval()
    with torch.no_grad():
        out = model(x)
        loss = torch.nn.functional.cross_entropy(out, y).item()
        acc = (out.argmax(1) == y).float().mean().item()
    model.train(was)
    return loss, acc
