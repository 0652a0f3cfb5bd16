"""cap_tiny_gpt: generate (the context fed back, cropped to the last block_size ids, eval mode, no gradients,
sampled with the generator), then train_gpt judged by the validation loss of the model it returns and by the
words of the text it writes.

Measured on 2 cores, one thread (grammar_text 30,000 chars, 250 steps of 32 x 32, AdamW 1e-2, seeds 0-2):
the reference reaches 0.879-0.892 nats/char on the validation text (the best bigram model 1.91) in 3.5-5.5 s of CPU,
and 76-80 % of the words it then writes (400 chars from "The ", generator seed 0) are words of the training text;
cropping the context from the start instead of the end, or sampling from the first position's logits, writes
4-8 % real words. Bars: validation loss 1.25, real words 60 %.
"""
import re

import torch
import torch.nn.functional as F

from dlings import data
from dlings.testing import expect, expect_equal, fail
from support_28_capstones import describe, expect_module, seed_all

STEPS, BLOCK = 250, 32
LOSS_BAR, WORDS_BAR = 1.25, 0.6


def _generate(exercise, model, vocab, prompt, n, seed):
    calls = []

    def pre_hook(module, args):
        calls.append((args[0].detach().clone(), module.training, torch.is_grad_enabled()))

    hook = model.register_forward_pre_hook(pre_hook)
    try:
        out = exercise.generate(model, vocab, prompt, n, torch.Generator().manual_seed(seed))
    except IndexError as exc:
        fail(f"generate(model, vocab, prompt of {len(prompt)} chars, {n}, generator) raised IndexError: {exc}",
             hint=f"the model has position embeddings for {model.block_size} positions only: feed it the LAST "
                  "model.block_size ids at most (ids[-model.block_size:]).")
    finally:
        hook.remove()
    what = f"generate(model, vocab, {prompt[:12]!r}{'...' if len(prompt) > 12 else ''}, {n}, generator)"
    if not isinstance(out, str):
        fail(f"{what} returned {describe(out)}, not a str.",
             hint="finish the TODO and return vocab.decode(ids): the prompt followed by the new characters.")
    if not out.startswith(prompt) or len(out) != len(prompt) + n:
        fail(f"{what} returned {len(out)} characters starting {out[:20]!r}; expected the prompt ({len(prompt)} "
             f"characters) followed by {n} new ones.", hint="start from vocab.encode(prompt), append one id per "
             "step, return vocab.decode of all of them.")
    return out, calls, what


def _check_generate(exercise):
    text = data.grammar_text(3000, seed=5)
    vocab = data.Vocab.build(text, specials=())
    torch.manual_seed(0)
    model = exercise.TinyGPT(len(vocab), block_size=8).train()
    prompt, n = text[:20], 12
    out, calls, what = _generate(exercise, model, vocab, prompt, n, seed=0)
    expect_equal(len(calls), n, f"the number of forward passes {what} ran",
                 hint="one forward pass per new character.")
    for j, (idx, training, grad) in enumerate(calls):
        if training:
            fail(f"{what} ran the model in training mode.", hint="call model.eval() before generating.")
        if grad:
            fail(f"{what} recorded gradients.", hint="generate inside `with torch.no_grad():`.")
        want = vocab.encode(out[:len(prompt) + j])[-8:][None]
        if idx.shape != want.shape or not torch.equal(idx, want):
            fail(f"for new character {j + 1}, {what} gave the model ids of shape {tuple(idx.shape)} "
                 f"({vocab.decode(idx.flatten()[:40])!r}); expected the last 8 ids (model.block_size) of the text "
                 f"so far, shape {tuple(want.shape)}: {vocab.decode(want[0])!r}.",
                 hint="keep the prompt and every sampled id in one sequence and feed the model ids[-block_size:] "
                      "(the END of the text, where the next character goes), as a batch of one: [None].")
    def variant(position):      # the same draws from one position's logits: names a known mistake
        ids = vocab.encode(prompt)
        g = torch.Generator().manual_seed(0)
        with torch.no_grad():
            for _ in range(n):
                logits = model(ids[-8:][None])[0, position]
                ids = torch.cat([ids, torch.multinomial(torch.softmax(logits, dim=-1), 1, generator=g)])
        return vocab.decode(ids)

    if out == variant(0) != variant(-1):
        fail(f"{what} samples each character from the logits of the FIRST position of the window: that position "
             "has seen one character only.", hint="take the last position's logits: model(...)[0, -1].")
    again, _, _ = _generate(exercise, model, vocab, prompt, n, seed=0)
    expect(again == out, f"{what} gave two different texts for two generators seeded alike: {out[20:]!r} and "
           f"{again[20:]!r}.", hint="draw with torch.multinomial(probs, 1, generator=generator), so the generator "
           "decides every draw.")
    others = {_generate(exercise, model, vocab, prompt, n, seed=s)[0] for s in (1, 2, 3)}
    if others == {out}:
        fail(f"{what} wrote the same {n} characters for generators seeded 0, 1, 2 and 3, from an untrained model "
             f"that spreads its bets: {out[20:]!r}. It picks, it does not sample.",
             hint="draw the next id from the softmax of the last logits with torch.multinomial (argmax always "
                  "picks the same one).")


def test_generate(exercise):
    _check_generate(exercise)


def test_train_and_write(exercise, report):
    _check_generate(exercise)
    train_text = data.grammar_text(30_000, seed=0)
    val_text = data.grammar_text(10_000, split="val", seed=0)
    seed_all(0)
    out = exercise.train_gpt(train_text, STEPS)
    if out is None or out is Ellipsis:
        fail(f"train_gpt(text, {STEPS}) returned {out!r}.", hint="finish the TODO and return (model, vocab).")
    if not isinstance(out, (tuple, list)) or len(out) != 2:
        fail(f"train_gpt(text, {STEPS}) should return (model, vocab), not {describe(out)}.")
    model, vocab = out
    model = expect_module(model, "the model train_gpt returned")
    try:
        va = vocab.encode(val_text)
    except Exception as exc:  # noqa: BLE001 - the learner's vocabulary
        fail(f"the vocabulary train_gpt returned could not encode the validation text: {type(exc).__name__}: {exc}",
             hint="return data.Vocab.build(text, specials=()) built from the training text.")
    v = len(vocab)
    val = data.lm_windows(va, BLOCK)
    model.eval()
    with torch.no_grad():
        val_loss = F.cross_entropy(model(val.x).reshape(-1, v), val.y.reshape(-1)).item()
    report.target("val loss", LOSS_BAR, higher_is_better=False)
    report("val loss", val_loss, STEPS)
    if val_loss > LOSS_BAR:
        fail(f"after train_gpt(text, {STEPS}) the model's validation loss is {val_loss:.3f} nats/char; the bar is "
             f"{LOSS_BAR} (the reference: 0.88; the best bigram model 1.91; an untrained model "
             f"ln({v}) = {torch.log(torch.tensor(float(v))):.2f}).",
             hint="the targets are the inputs shifted by ONE character (window[:, 1:] for inputs window[:, :-1]); "
                  "the loss is cross-entropy over every position (logits reshaped to (-1, vocab)); zero_grad, "
                  "backward and step each of the `steps` steps.")
    gen = _generate(exercise, model, vocab, "The ", 400, seed=0)[0][4:]
    known = set(re.findall(r"[A-Za-z]+", train_text))
    words = re.findall(r"[A-Za-z]+", gen)[:-1]        # the last may be cut off
    real = sum(w in known for w in words) / max(1, len(words))
    report("real words", real, STEPS)
    expect(len(words) >= 20 and real >= WORDS_BAR,
           f"of the {len(words)} words your model wrote, {real:.0%} are words of the training text; the bar is "
           f"{WORDS_BAR:.0%}. It wrote: {gen[:160]!r}",
           hint="generate should feed back the text so far (its last block_size ids) and sample from the LAST "
                "position's logits.")
