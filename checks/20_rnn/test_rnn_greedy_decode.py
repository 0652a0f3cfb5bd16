"""Tensor-level: the tokens chosen by a seeded model with large weights are compared with the reference and with each
plausible slip (state not carried, <bos> fed at every step, <bos> in the output, the encoder's state dropped). Well
under a second."""
import torch
from torch import nn

from dlings import data
from dlings.testing import expect, expect_shape, expect_tensor, fail

SPECIALS = ("<pad>", "<unk>", "<bos>")


class Seq2Seq(nn.Module):
    """The check's own copy of the given model, so an edited copy in the exercise changes nothing."""

    def __init__(self, vocab_size, hidden=32):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, 16, padding_idx=0)
        self.encoder = nn.GRU(16, hidden, batch_first=True)
        self.decoder = nn.GRU(16, hidden, batch_first=True)
        self.head = nn.Linear(hidden, vocab_size)

    def encode(self, src):
        return self.encoder(self.embed(src))[1]

    def decode(self, inp, state):
        out, state = self.decoder(self.embed(inp), state)
        return self.head(out), state


def make(vocab_size, seed):
    torch.manual_seed(seed)
    model = Seq2Seq(vocab_size)
    with torch.no_grad():   # larger weights, so the choices depend sharply on state and input
        for p in model.parameters():
            p.uniform_(-1.5, 1.5)
    return model


@torch.no_grad()
def decode(model, src, bos_id, steps, carry=True, feed=True, start=True):
    enc = model.encode(src) if start else None
    state, tok, out = enc, torch.full((src.shape[0], 1), bos_id, dtype=torch.long), []
    bos = tok
    for _ in range(steps):
        logits, new = model.decode(tok, state)
        state = new if carry else state
        nxt = logits.argmax(-1)
        tok = nxt if feed else bos
        out.append(nxt)
    return torch.cat(out, dim=1)


CAUSES = {
    "carry": "carry the decoder's state from step to step: logits, state = model.decode(tok, state).",
    "feed": "feed each step's argmax back in as the next input; feeding <bos> every time repeats the first step.",
    "start": "start the decoder from the encoder's state, model.encode(src), not from None (zeros): otherwise every "
             "question gets the same answer.",
}


def test_tokens_match(exercise):
    for n, seed, steps in [(8, 0, 3), (5, 1, 4), (1, 2, 3), (12, 3, 1)]:
        texts = data.arithmetic(n, seed=seed)
        vocab = data.Vocab.build(texts, level="char", specials=SPECIALS)
        src, _ = vocab.encode_batch([t.split("=")[0] for t in texts])
        bos_id = vocab.stoi["<bos>"]
        model = make(len(vocab), seed)
        src0 = src.clone()
        what = f"greedy_decode(model, src, bos_id, steps={steps}) for {n} questions"
        got = exercise.greedy_decode(model, src, bos_id, steps)
        if got is None or got is Ellipsis:
            fail(f"{what} returned {got!r}.", hint="finish the TODO and return the chosen tokens.")
        expect_tensor(got, what)
        want = decode(model, src, bos_id, steps)
        if got.shape == (n, steps + 1) and torch.equal(got[:, 1:], want):
            fail(f"{what} has shape {tuple(got.shape)}: its first column is <bos>.",
                 hint="return only the tokens the decoder chose, (batch, steps); <bos> was given, not chosen.")
        expect_shape(got, (n, steps), what, hint="one row per question, one column per step: torch.cat of the "
                                                  "(batch, 1) argmax tokens along dim 1.")
        expect(got.dtype == torch.long, f"{what} has dtype {got.dtype}; token ids are int64 (argmax gives that).")
        expect(torch.equal(src, src0), f"{what} changed src in place.")
        if not torch.equal(got, want):
            for flag, cause in CAUSES.items():
                if torch.equal(got, decode(model, src, bos_id, steps, **{flag: False})):
                    fail(f"{what} chose {got[:3].tolist()}..., expected {want[:3].tolist()}...", hint=cause)
            fail(f"{what} chose {got[:3].tolist()}..., expected {want[:3].tolist()}...",
                 hint="start from model.encode(src) and a (batch, 1) column of <bos>; at each step decode one "
                      "token, keep the new state, and feed the argmax over the vocabulary (the last dim) back in.")


def test_no_graph(exercise):
    texts = data.arithmetic(4, seed=6)
    vocab = data.Vocab.build(texts, level="char", specials=SPECIALS)
    src, _ = vocab.encode_batch([t.split("=")[0] for t in texts])
    got = exercise.greedy_decode(make(len(vocab), 6), src, vocab.stoi["<bos>"], 2)
    expect_tensor(got, "greedy_decode(...)")
    expect(not got.requires_grad, "greedy_decode returned a tensor that requires grad.",
           hint="decoding is inference: keep the @torch.no_grad() decorator.")
