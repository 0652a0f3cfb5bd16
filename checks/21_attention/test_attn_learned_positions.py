import pytest
import torch

from dlings.testing import expect_close, expect_equal, expect_meta_call, expect_parameter_names, expect_tensor, fail

VOCAB, MAX_LEN, DIM = 11, 8, 6


def make(exercise, seed=0):
    torch.manual_seed(seed)
    try:
        m = exercise.TokenAndPosition(VOCAB, MAX_LEN, DIM)
    except Exception as exc:  # noqa: BLE001 - the learner's code, explained
        fail(f"TokenAndPosition({VOCAB}, {MAX_LEN}, {DIM}) raised {type(exc).__name__}: {str(exc)[:200]}")
    return m


def test_tables(exercise):
    m = make(exercise)
    what = f"TokenAndPosition(vocab_size={VOCAB}, max_len={MAX_LEN}, dim={DIM})"
    missing = [n for n in ("tok", "pos") if not isinstance(getattr(m, n, None), torch.nn.Embedding)]
    if missing:
        fail(f"{what} has no nn.Embedding called {' or '.join('self.' + n for n in missing)}.",
             hint="finish __init__: self.tok = nn.Embedding(vocab_size, dim) and self.pos = nn.Embedding(max_len, dim).")
    expect_parameter_names(m, ["tok.weight", "pos.weight"], what)
    expect_equal(tuple(m.tok.weight.shape), (VOCAB, DIM), f"the shape of self.tok.weight of {what}")
    expect_equal(tuple(m.pos.weight.shape), (MAX_LEN, DIM), f"the shape of self.pos.weight of {what}",
                 mistakes={"self.pos has one row per TOKEN; it needs one per position: nn.Embedding(max_len, dim).":
                           (VOCAB, DIM)})
    expect_equal(getattr(m, "max_len", None), MAX_LEN, f"self.max_len of {what}")


@pytest.mark.parametrize("b,t", [(3, 5), (2, MAX_LEN), (1, 1), (4, 2)])
def test_values(exercise, b, t):
    m = make(exercise, seed=t)
    g = torch.Generator().manual_seed(b * 10 + t)
    # The first case keeps the ids below max_len, so embedding the ids as positions gives values to name;
    # the others have ids past max_len too.
    idx = torch.randint(0, MAX_LEN if (b, t) == (3, 5) else VOCAB, (b, t), generator=g)
    idx[-1, -1] = VOCAB - 1 if (b, t) != (3, 5) else idx[-1, -1]
    what = f"emb(idx) for idx of shape {(b, t)} (max_len {MAX_LEN})"
    try:
        got = m(idx.clone())
    except (IndexError, ValueError, RuntimeError) as exc:
        fail(f"{what} raised {type(exc).__name__}: {str(exc)[:200]}",
             hint="a sequence of T <= max_len tokens must work, T == max_len included: the positions are "
                  "torch.arange(T), rows 0..T-1 of self.pos (not the token ids, which go past max_len, and not "
                  "arange(1, T + 1)); the test is T > max_len, not >=.")
    got = expect_tensor(got, what)
    tok, pos = m.tok.weight.detach(), m.pos.weight.detach()
    want = tok[idx] + pos[:t]
    rows = min(VOCAB, MAX_LEN)
    expect_close(got, want, what, mistakes={
        "only the token embeddings: add the position embeddings self.pos(torch.arange(T)).": tok[idx],
        "you embedded the token ids with self.pos: the positions are 0..T-1, torch.arange(T), whatever the tokens.":
            lambda: tok[idx] + pos[idx.clamp(max=rows - 1)],
        "the positions start at 1: position t is row t of self.pos, from 0.": lambda: tok[idx] + pos[1:t + 1],
    }, hint="token idx[b, t] gets self.tok's row idx[b, t] plus self.pos's row t.")


def test_longer_than_max_len(exercise):
    m = make(exercise)
    idx = torch.zeros(2, MAX_LEN + 1, dtype=torch.long)
    what = f"emb(idx) for idx of shape (2, {MAX_LEN + 1}) with max_len = {MAX_LEN}"
    try:
        m(idx)
    except ValueError as exc:
        if str(MAX_LEN) not in str(exc) or str(MAX_LEN + 1) not in str(exc):
            fail(f"{what} raised ValueError({str(exc)!r}); its message should give T = {MAX_LEN + 1} and "
                 f"max_len = {MAX_LEN}, so the caller sees what is too long.")
        return
    except Exception as exc:  # noqa: BLE001 - the learner's code, explained
        fail(f"{what} raised {type(exc).__name__} ({str(exc)[:120]}), not a ValueError.",
             hint="check `if T > self.max_len:` yourself and `raise ValueError(...)` before the lookup: "
                  "nn.Embedding's own IndexError does not say what went wrong.")
    fail(f"{what} raised nothing: a sequence longer than max_len has no position rows.",
         hint="`if T > self.max_len: raise ValueError(f\"... {T} ... {self.max_len}\")` at the start of forward.")


def test_positions_on_the_inputs_device(exercise):
    # On meta, an embedding lookup with CPU positions still works, so also look at what reaches self.pos.
    m = make(exercise).to("meta")
    seen = []
    m.pos.register_forward_pre_hook(lambda mod, args: seen.extend(a.device.type for a in args
                                                                   if isinstance(a, torch.Tensor)))
    expect_meta_call(m, (2, 5), dtype=torch.long, expected_shape=(2, 5, DIM), expected_dtype=torch.float32,
                     what="emb(idx)")
    if any(d != "meta" for d in seen):
        fail(f"emb(idx) with idx on the meta device passed positions on {seen[0]} to self.pos: on a GPU that is an "
             "error (indices and table on different devices).",
             hint="make the positions where the ids are: torch.arange(T, device=idx.device).")


def test_both_tables_learn(exercise):
    # A detached or copied position table gives the right values but never trains: the gradient of the
    # summed output must reach rows 0..T-1 of self.pos (B each) and self.tok's used rows.
    m = make(exercise, seed=3)
    idx = torch.tensor([[1, 2, 3], [4, 5, 1]])
    what = "emb(idx).sum().backward() for idx of shape (2, 3)"
    expect_tensor(m(idx), what).sum().backward()
    for name, table in (("self.pos", m.pos), ("self.tok", m.tok)):
        if table.weight.grad is None:
            fail(f"after {what}, {name}.weight has no gradient: the table was used detached (or copied), so it "
                 "would never learn.", hint="call the module, self.pos(positions), or index its weight without "
                                            ".detach() / .data / torch.no_grad().")
    want = torch.zeros(MAX_LEN, DIM)
    want[:3] = 2.0
    expect_close(m.pos.weight.grad, want, f"self.pos.weight.grad after {what}",
                 hint="each of positions 0..T-1 is used once per sequence: rows 0..2 get gradient 2, the rest 0.")
