"""Tensor-level: the loss of a seeded model on arithmetic questions and answers is compared with the reference and with
each plausible slip (no shift, <bos> at the end, padding counted, encoder state dropped, the model's own guesses fed
back); every one of them moves the loss far beyond the tolerance. Well under a second."""
import torch
import torch.nn.functional as F
from torch import nn

from dlings import data
from dlings.testing import expect, expect_close, expect_tensor, fail

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
    with torch.no_grad():   # larger weights, so every slip moves the loss far
        for p in model.parameters():
            p.uniform_(-1.5, 1.5)
    return model


def batch(n, seed, digits=2):
    texts = data.arithmetic(n, digits=digits, seed=seed)
    vocab = data.Vocab.build(texts, level="char", specials=SPECIALS)
    pairs = [t.split("=") for t in texts]
    src, _ = vocab.encode_batch([q for q, _ in pairs])
    tgt, _ = vocab.encode_batch([a for _, a in pairs])
    return vocab, src, tgt


def loss_of(model, src, tgt, inp, state, ignore=True):
    logits, _ = model.decode(inp, state)
    return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), tgt.reshape(-1), ignore_index=0 if ignore else -100)


def variants(model, src, tgt, bos_id):
    bos = torch.full_like(tgt[:, :1], bos_id)
    shifted = torch.cat([bos, tgt[:, :-1]], dim=1)
    enc = model.encode(src)
    state, tok, steps = enc, bos, []
    for _ in range(tgt.shape[1]):
        step, state = model.decode(tok, state)
        steps.append(step)
        tok = step.argmax(-1)
    own = torch.cat(steps, dim=1)
    return loss_of(model, src, tgt, shifted, enc), {
        "the decoder input must be shifted right: <bos> then the target without its last token. Fed the target "
        "itself, step t sees the very token it must predict.": loss_of(model, src, tgt, tgt, enc),
        "<bos> comes FIRST: the decoder input is <bos>, tgt[:, 0], ..., tgt[:, -2].":
            loss_of(model, src, tgt, torch.cat([tgt[:, :-1], bos], dim=1), enc),
        "the padding (id 0) must not count in the loss: F.cross_entropy(..., ignore_index=0).":
            loss_of(model, src, tgt, shifted, enc, ignore=False),
        "the decoder starts from the encoder's state: decode(inp, model.encode(src)), not from None (zeros).":
            loss_of(model, src, tgt, shifted, None),
        "teacher forcing feeds the TRUE previous tokens, not the model's own guesses (argmax), and decodes the "
        "whole shifted target in one call.": F.cross_entropy(own.reshape(-1, own.shape[-1]), tgt.reshape(-1),
                                                            ignore_index=0),
    }


def call(exercise, model, src, tgt, bos_id, what):
    out = exercise.teacher_forcing_loss(model, src, tgt, bos_id)
    if out is None or out is Ellipsis:
        fail(f"{what} returned {out!r}.", hint="finish the TODO and return the loss.")
    expect_tensor(out, what)
    expect(out.dim() == 0, f"{what} should be a scalar (the mean over the real tokens), but it has shape "
                           f"{tuple(out.shape)}.", hint="F.cross_entropy on (batch*T, vocab) logits and (batch*T,) "
                                                         "targets gives the mean; don't pass reduction='none'.")
    return out


def test_loss_matches(exercise):
    for n, seed, digits in [(8, 0, 2), (5, 1, 3), (1, 2, 2), (16, 3, 1)]:
        vocab, src, tgt = batch(n, seed, digits)
        bos_id = vocab.stoi["<bos>"]
        model = make(len(vocab), seed)
        what = f"teacher_forcing_loss(model, src, tgt, bos_id) on {n} {digits}-digit sums"
        with torch.no_grad():
            good, slips = variants(model, src, tgt, bos_id)
            got = call(exercise, model, src, tgt, bos_id, what)
        expect_close(got, good, what, mistakes=slips)


def test_padding_really_present():
    _, _, tgt = batch(16, 3, 1)
    assert (tgt == 0).any(), "the 1-digit batch must hold answers of different lengths"


def test_gradients_reach_the_encoder(exercise):
    vocab, src, tgt = batch(6, 4)
    model = make(len(vocab), 4)
    loss = call(exercise, model, src, tgt, vocab.stoi["<bos>"], "teacher_forcing_loss(model, src, tgt, bos_id)")
    expect(loss.requires_grad, "the loss does not require grad: the model could not learn from it.",
           hint="no torch.no_grad(), .detach() or .item() in the function.")
    loss.backward()
    g = model.encoder.weight_hh_l0.grad
    expect(g is not None and g.abs().sum() > 0, "no gradient reached the encoder: the decoder ignores the question.",
           hint="decode from the encoder's state: model.decode(inp, model.encode(src)).")


def test_does_not_modify_inputs(exercise):
    vocab, src, tgt = batch(6, 5)
    src0, tgt0 = src.clone(), tgt.clone()
    with torch.no_grad():
        call(exercise, make(len(vocab), 5), src, tgt, vocab.stoi["<bos>"], "teacher_forcing_loss(...)")
    expect(torch.equal(src, src0) and torch.equal(tgt, tgt0), "teacher_forcing_loss changed src or tgt in place.",
           hint="build the decoder input as a new tensor with torch.cat, don't write into tgt.")
