"""Measured (one thread, Adam 1e-2, batch 64, 1500 training and 500 test sequences of 12 tokens, vocabulary 10;
model seeds 0-3): the reference (Embedding 16, bidirectional LSTM 32, linear head on every step) tags 0.92-0.95 of
the test tokens right after one epoch and 0.99 after two (about 1 s per epoch here); the same model reading one way
stays at 0.74 (0.737-0.745 with 2000 sequences over three epochs): it cannot see the next token. The dev check:
solution about 3 s of a 40 s timeout when the machine is quiet; every mistake fails at the first epoch's checkpoint
or before training."""
import torch
import torch.nn.functional as F

from dlings.testing import expect, expect_shape, expect_tensor, fail
from support_20_rnn import expect_module, seed_all

VOCAB, T, BAR, CHECKPOINT, EPOCHS = 10, 12, 0.90, 0.85, 2


def make(n, g):
    x = torch.randint(0, VOCAB, (n, T), generator=g)
    y = torch.zeros(n, T, dtype=torch.long)
    y[:, :-1] = (x[:, 1:] > x[:, :-1]).long()
    return x, y


def test_test_accuracy(exercise, report):
    g = torch.Generator().manual_seed(0)
    x, y = make(1500, g)
    xt, yt = make(500, g)
    seed_all(0)
    model = expect_module(exercise.Tagger(VOCAB), f"Tagger({VOCAB})")
    params = list(model.parameters())
    expect(params, "Tagger has no parameters, so there is nothing to train.",
           hint="create the layers in __init__ as attributes of self.")
    n_params = sum(p.numel() for p in params)
    expect(n_params <= 100_000, f"Tagger has {n_params} parameters; keep it small (sizes up to 64, the reference "
                                "has about 13 000) so the check stays fast.")
    what = "Tagger(10)(ids) for ids of shape (5, 12)"
    try:
        with torch.no_grad():
            out = model(x[:5])
    except RuntimeError as e:
        if "cannot be multiplied" not in str(e):
            raise
        fail(f"{what} raised RuntimeError: {e}",
             hint="a bidirectional LSTM's output has 2 * hidden features per step (both directions side by side): "
                  "the head is nn.Linear(2 * hidden, 2).")
    expect_tensor(out, what)
    expect_shape(out, (5, T, 2), what,
                 hint="one pair of logits per TOKEN: apply the head to the RNN's output (batch, T, features), "
                      "not to h_n, which only summarises each sequence."
                 if out.dim() == 2 or (out.dim() == 3 and out.shape[0] != 5) else
                 "a bidirectional LSTM's output has 2 * hidden features per step (both directions side by side); "
                 "the head is nn.Linear(2 * hidden, 2).")
    probs_like = bool(((out >= 0) & (out <= 1)).all()) and bool(torch.allclose(out.sum(-1), torch.ones(5, T), atol=1e-4))
    expect(not probs_like, f"{what} returned probabilities (each pair is >= 0 and sums to 1), not logits.",
           hint="return the head's raw scores: cross_entropy applies the softmax itself, so a softmax in forward "
                "squashes the gradients.")
    opt = torch.optim.Adam(params, lr=1e-2)
    report.target("test accuracy", BAR)
    acc = 0.0
    for epoch in range(EPOCHS):
        model.train()
        perm = torch.randperm(len(x), generator=g)
        for i in range(0, len(x), 64):
            b = perm[i:i + 64]
            loss = F.cross_entropy(model(x[b]).reshape(-1, 2), y[b].reshape(-1))
            opt.zero_grad()
            loss.backward()
            opt.step()
        model.eval()
        with torch.no_grad():
            acc = float((model(xt).argmax(-1) == yt).float().mean())
        report("test accuracy", acc, epoch + 1)
        report.progress(epoch + 1, EPOCHS)
        if epoch == 0 and acc < CHECKPOINT:
            fail(f"after 1 of {EPOCHS} epochs {acc:.0%} of the test tags are right (the reference: about 95 %; a "
                 "model that reads one way only: about 74 %).",
                 hint="the tag of token t needs token t + 1, which a left-to-right LSTM has not read yet at step t. "
                      "Use bidirectional=True and classify every step of its output (2 * hidden features); and "
                      "batch_first=True, since the ids are (batch, T)." if acc > 0.6 else
                      "barely above guessing: are the steps in the right order? nn.LSTM reads (T, batch, features) "
                      "unless batch_first=True; the ids come as (batch, T). Classify every step of the output.")
    if acc < BAR:
        fail(f"after {EPOCHS} epochs {acc:.0%} of the test tags are right; the bar is {BAR:.0%} (the reference "
             "reaches 99 %).", hint="a bidirectional LSTM (batch_first=True), the head on every step of its output.")
