import torch

from dlings.testing import expect_dtype, expect_equal, expect_shape, expect_tensor, fail

LOGITS = torch.tensor([2.0, 1.0, 0.5, 0.0, -1.0, -3.0])
N = 20_000


def draw(exercise, logits, what, **kw):
    got = expect_tensor(exercise.sample_next(logits, generator=torch.Generator().manual_seed(0), **kw), what)
    expect_shape(got, (logits.shape[0],), what)
    expect_dtype(got, torch.int64, what)
    return got


def freqs(tokens, v):
    return torch.bincount(tokens, minlength=v).double() / len(tokens)


def test_shape_and_batch_of_one(exercise):
    g = torch.Generator().manual_seed(1)
    for b in (4, 1):
        draw(exercise, torch.randn(b, 7, generator=g), f"sample_next(logits) for logits of shape ({b}, 7)")
    got = draw(exercise, LOGITS[None].clone(), "sample_next(logits, top_k=1) for logits of shape (1, 6)", top_k=1)
    expect_equal(got.tolist(), [0], "sample_next(logits, top_k=1) (only the largest logit may be drawn)")


def test_temperature(exercise):
    logits = LOGITS.repeat(N, 1)
    for t in (1.0, 0.5, 2.0):
        what = f"sample_next(logits, temperature={t}) over {N} rows of the same logits {LOGITS.tolist()}"
        f = freqs(draw(exercise, logits, what, temperature=t), 6)
        want = torch.softmax(LOGITS.double() / t, -1)
        if (f - want).abs().max() > 0.015:
            times = torch.softmax(LOGITS.double() * t, -1)
            hint = ("you multiplied by the temperature; divide: softmax(logits / temperature)."
                    if (f - times).abs().max() < 0.015 else
                    "always taking the most likely token is greedy decoding, not sampling: draw with "
                    "torch.multinomial(probs, 1, generator=generator)." if f.max() > 0.99 else
                    "draw from softmax(logits / temperature), one token per row.")
            fail(f"{what}: the tokens were drawn with frequencies {[round(x, 3) for x in f.tolist()]}; "
                 f"softmax(logits / {t}) is {[round(x, 3) for x in want.tolist()]}.", hint=hint)


def test_top_k(exercise):
    logits = LOGITS.repeat(N, 1)
    for k, t in ((3, 1.0), (2, 0.7), (6, 1.0)):
        what = f"sample_next(logits, temperature={t}, top_k={k}) over {N} rows of the logits {LOGITS.tolist()}"
        f = freqs(draw(exercise, logits, what, temperature=t, top_k=k), 6)
        if f[k:].sum() > 0:
            fail(f"{what} drew tokens outside the {k} largest logits (frequencies {[round(x, 3) for x in f.tolist()]}).",
                 hint="the logits outside the top k must be -inf before the softmax (0 is an ordinary logit: "
                      "exp(0) = 1); keep exactly k per row: compare with the k-th largest value, torch.topk(...).values[:, -1:].")
        want = torch.softmax(LOGITS[:k].double() / t, -1)
        if (f[:k] - want).abs().max() > 0.015:
            fail(f"{what}: the top {k} tokens were drawn with frequencies {[round(x, 3) for x in f[:k].tolist()]}; "
                 f"softmax over those {k} logits / {t} is {[round(x, 3) for x in want.tolist()]}.",
                 hint="divide by the temperature, keep the top k, softmax over what is left, then torch.multinomial.")
    g = torch.Generator().manual_seed(2)
    rows = torch.randn(500, 10, generator=g)
    got = draw(exercise, rows, "sample_next(logits, top_k=2) for 500 different rows", top_k=2)
    top2 = rows.topk(2, dim=-1).indices
    if not (got[:, None] == top2).any(1).all():
        fail("sample_next(logits, top_k=2) on 500 different rows drew a token outside its own row's top 2.",
             hint="take the top k per row (dim=-1), not over the whole tensor.")


def test_draws_with_the_given_generator(exercise):
    # Two generators seeded alike must give the same tokens whatever the global RNG has done in between;
    # a draw from the global RNG (the generator ignored) differs between the two calls.
    g = torch.Generator().manual_seed(4)
    logits = torch.randn(64, 9, generator=g)
    what = "sample_next(logits, generator=torch.Generator().manual_seed(7)) called twice on 64 rows"
    torch.manual_seed(11)
    first = expect_tensor(exercise.sample_next(logits, generator=torch.Generator().manual_seed(7)), what)
    torch.manual_seed(12)
    second = expect_tensor(exercise.sample_next(logits, generator=torch.Generator().manual_seed(7)), what)
    if not torch.equal(first, second):
        fail(f"{what}, with the global seed changed between the calls, gave different tokens: the draw did not "
             "use the generator it was given.",
             hint="pass it on: torch.multinomial(probs, 1, generator=generator).")
