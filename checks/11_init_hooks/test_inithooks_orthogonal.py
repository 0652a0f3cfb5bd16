import torch
from torch import nn

from dlings.testing import expect, expect_close, expect_not_calling, fail, forbid_calls

CASES = [((20, 50), 1.0), ((50, 20), 1.0), ((32, 32), 2.0), ((8, 4, 3, 3), 1.0), ((30, 12), 0.5)]


def gram(w):
    m = w.detach().double().reshape(w.shape[0], -1)
    return m @ m.T if m.shape[0] <= m.shape[1] else m.T @ m


def test_orthogonal_rows_or_columns(exercise):
    for i, (shape, gain) in enumerate(CASES):
        torch.manual_seed(i)
        w = nn.Parameter(torch.zeros(shape))
        with forbid_calls(["torch.nn.init.orthogonal_"], why="build it from torch.linalg.qr."):
            got = exercise.orthogonal(w, gain=gain)
        what = f"orthogonal(weight of shape {shape}, gain={gain})"
        expect(got is w, f"{what} should fill the weight in place and return it.",
               hint="weight.copy_(...) under torch.no_grad(), then `return weight`.")
        g = gram(w)
        n = g.shape[0]
        side = "W @ W.T" if shape[0] <= w[0].numel() else "W.T @ W"
        expect_close(g, gain ** 2 * torch.eye(n, dtype=torch.float64), atol=1e-4, rtol=0,
                     what=f"{side} for W = {what} viewed as a matrix", mistakes={
                         "the gain is missing: multiply Q by `gain`.": torch.eye(n, dtype=torch.float64),
                     }, hint="normalising each row to length 1 is not enough: rows must also be orthogonal to "
                             "each other (that is what QR gives you).")


def test_orthogonal_is_random(exercise):
    torch.manual_seed(5)
    for shape in [(16, 16), (10, 24), (24, 10)]:
        w1, w2 = torch.zeros(shape), torch.zeros(shape)
        exercise.orthogonal(w1)
        exercise.orthogonal(w2)
        if torch.allclose(w1, w2, atol=1e-6) or torch.allclose(w1.abs(), torch.eye(*shape), atol=1e-6):
            fail(f"orthogonal(weight of shape {shape}) gives the same matrix every time (identity-like).",
                 hint="the identity is orthogonal but not random: start from torch.randn and take its Q factor.")


def test_not_using_nn_init(exercise):
    expect_not_calling(exercise.orthogonal, ["orthogonal_"], why="use torch.linalg.qr on a random normal matrix.")


def test_orthogonal_sign_fix(exercise):
    # Householder QR (LAPACK) makes Q[0, 0] negative every time and biases the other diagonal
    # entries too; multiplying Q by sign(diag(R)) makes every entry symmetric around 0.
    # Measured over 40 draws x 5 diagonal entries (200): with the sign fix 92-112 positive
    # (solution and two other correct styles), without it 17-29. Bar: at least 60.
    torch.manual_seed(7)
    for shape in [(12, 5), (5, 12), (6, 6)]:
        pos = 0
        for _ in range(40):
            w = torch.zeros(shape)
            exercise.orthogonal(w)
            pos += int((torch.diagonal(w)[:5] > 0).sum())
        if pos < 60:
            fail(f"orthogonal(weight of shape {shape}): over 40 draws only {pos} of 200 diagonal entries were "
                 "positive (a uniformly random orthogonal matrix gives about 100). Q from torch.linalg.qr is "
                 "biased: its diagonal leans negative.",
                 hint="multiply Q by torch.sign(torch.diagonal(R)) (one sign per column of Q) before the transpose.")
