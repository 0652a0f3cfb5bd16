import torch
import torch.nn.functional as F

from dlings.testing import expect_close, expect_equal, expect_tensor, fail

# (B, T, V): a few sequences, one sequence, the shortest one (T = 2), more positions than classes.
SHAPES = [(3, 6, 5), (1, 7, 4), (4, 2, 6), (2, 9, 3)]


def ce(logits, targets):
    return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1))


def classes_in_dim_1(logits, ids):
    """F.cross_entropy(logits[:, :-1], ids[:, 1:]): it reads dim 1 (the positions) as the classes; runs when T-1 == V."""
    try:
        return F.cross_entropy(logits[:, :-1], ids[:, 1:])
    except (RuntimeError, ValueError, IndexError):
        return torch.tensor(float("nan"))


def test_shifted_loss(exercise):
    g = torch.Generator().manual_seed(0)
    for b, t, v in SHAPES:
        logits = torch.randn(b, t, v, generator=g) * 2
        ids = torch.randint(0, v, (b, t), generator=g)
        what = f"next_token_loss(logits, ids) for logits of shape {(b, t, v)} and ids {(b, t)}"
        try:
            got = exercise.next_token_loss(logits.clone(), ids.clone())
        except Exception as exc:  # noqa: BLE001 - the learner's code, explained
            text = (str(exc).splitlines() or [""])[0][:200]
            fail(f"{what} raised {type(exc).__name__}: {text}",
                 hint="logits[:, :-1] is not contiguous, so .view cannot flatten it: use .reshape." if "view" in text
                 else "F.cross_entropy wants (N, V) logits and (N,) targets (or the classes in dim 1): "
                      "logits[:, :-1].reshape(-1, V) and ids[:, 1:].reshape(-1).")
        got = expect_tensor(got, what)
        expect_equal(tuple(got.shape), (), f"the shape of {what}", hint="the loss is one number: a 0-d tensor.")
        flat_l, flat_i = logits.reshape(-1, v), ids.reshape(-1)
        expect_close(got, ce(logits[:, :-1], ids[:, 1:]), what, rtol=1e-5, atol=1e-6, mistakes={
            "there is no shift: the logits at t are compared with the token AT t, which the model has just read. "
            "Targets are ids[:, 1:] against logits[:, :-1].": ce(logits, ids),
            "the shift goes the wrong way: logits[:, :-1] (positions 0..T-2) predict ids[:, 1:] (positions 1..T-1), "
            "not logits[:, 1:] against ids[:, :-1].": ce(logits[:, 1:], ids[:, :-1]),
            "you shifted the FLATTENED batch: the last logits of one sequence then predict the first token of the "
            "next. Shift along dim 1 (the positions) first, then flatten.": F.cross_entropy(flat_l[:-1], flat_i[1:]),
            "you summed: the loss is the MEAN over the B * (T - 1) pairs.":
                F.cross_entropy(flat_l.view(b, t, v)[:, :-1].reshape(-1, v), ids[:, 1:].reshape(-1), reduction="sum"),
            "the last position is kept with a made-up target: it has no next token, drop it (logits[:, :-1]).":
                ce(logits, torch.cat([ids[:, 1:], ids[:, :1]], dim=1)),
            "F.cross_entropy read the positions as the classes: with 3-D logits it wants the classes in dim 1, "
            "(B, V, T). Flatten to (B * (T - 1), V) with reshape, or pass logits[:, :-1].transpose(1, 2).":
                lambda: classes_in_dim_1(logits, ids),
        }, hint="F.cross_entropy(logits[:, :-1].reshape(-1, V), ids[:, 1:].reshape(-1)).")


def test_perfect_guess(exercise):
    ids = torch.tensor([[0, 1, 2, 3], [3, 2, 1, 0]])
    logits = torch.full((2, 4, 4), -30.0)
    logits.scatter_(2, ids.roll(-1, dims=1)[..., None], 30.0)
    got = expect_tensor(exercise.next_token_loss(logits, ids), "next_token_loss for logits that always name the next token")
    if float(got) > 1e-6:
        fail(f"logits that put all their weight on the NEXT token (ids[:, t + 1]) at every position gave a loss of "
             f"{float(got):.4g}; it should be about 0.",
             hint="the logits at t are judged against ids[:, t + 1]: logits[:, :-1] against ids[:, 1:].")
