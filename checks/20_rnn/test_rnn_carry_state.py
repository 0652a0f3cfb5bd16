import math

import torch
from torch import nn

from dlings.testing import expect, expect_close, expect_shape, expect_tensor, fail
from support_20_rnn import describe, expect_pair


def run(exercise, batch, T, chunk, layers, given_state, i=3, hsz=4, seed=0):
    torch.manual_seed(seed)
    lstm = nn.LSTM(i, hsz, num_layers=layers, batch_first=True)
    x = torch.randn(batch, T, i)
    state = (torch.randn(layers, batch, hsz), torch.randn(layers, batch, hsz)) if given_state else None
    what = (f"run_in_chunks(lstm, x, chunk={chunk}, state={'(h_0, c_0)' if given_state else 'None'}) for a "
            f"{layers}-layer LSTM, x of shape {tuple(x.shape)}")
    with torch.no_grad():
        want_out, (want_h, want_c) = lstm(x, state)
    calls = []
    handle = lstm.register_forward_hook(lambda m, args, out: calls.append(args[0].shape[1]))
    try:
        with torch.no_grad():
            result = exercise.run_in_chunks(lstm, x.clone(), chunk,
                                            None if state is None else (state[0].clone(), state[1].clone()))
    except (RuntimeError, IndexError, ValueError, TypeError) as e:
        if "hx" in str(e) or "index 1 is out of bounds" in str(e) or "tuple" in str(e):
            fail(f"{what} raised {type(e).__name__}: {e}",
                 hint="an LSTM's state is the PAIR (h, c): pass lstm(piece, (h, c)), the tuple it returned as "
                      "its second result, not h alone.")
        raise
    finally:
        handle.remove()
    output, last = expect_pair(result, what, "(output, (h_n, c_n))")
    if not isinstance(last, (tuple, list)) or len(last) != 2:
        fail(f"the second item returned by {what} should be the pair (h_n, c_n), but it is {describe(last)}.",
             hint="return the state the LAST piece's lstm call gave back: an LSTM's state is a tuple (h_n, c_n).")
    pieces = math.ceil(T / chunk)
    expect(len(calls) == pieces,
           f"{what} called lstm {len(calls)} time(s), on pieces of {calls} steps; expected {pieces} call(s), one "
           f"per piece of at most {chunk} steps.",
           hint="cut x along the time dim (dim 1) into pieces of `chunk` steps (x.split(chunk, dim=1)) and call "
                "lstm on each; the last piece is shorter when chunk does not divide T." if len(calls) != 1 else
                "the point is to read the sequence in pieces (a stream you cannot hold at once): one call per piece.")
    output = expect_tensor(output, f"output of {what}")
    expect_shape(output, (batch, T, hsz), f"output of {what}",
                 hint="concatenate every piece's output along the time dim (dim 1).")
    h_n, c_n = last
    zero_out = None
    if T > chunk:
        with torch.no_grad():
            zero_out = torch.cat([lstm(p)[0] for p in x.split(chunk, 1)], 1) if state is None else None
            restarted = torch.cat([lstm(p, state)[0] for p in x.split(chunk, 1)], 1) if state is not None else None
            swapped, outs = state, []
            for p in x.split(chunk, 1):
                o, (h, c) = lstm(p, swapped)
                outs.append(o)
                swapped = (c, h)
            swapped_out = torch.cat(outs, 1)
    else:
        restarted = swapped_out = None
    with torch.no_grad():
        ignored_start = lstm(x)[0] if state is not None else None
    expect_close(output, want_out, f"output of {what}", atol=1e-5, mistakes={
        "every piece started from a zero state: pass the state the previous piece returned into the next call, "
        "lstm(piece, state).": zero_out,
        "every piece started from the GIVEN state: that is only the first piece's start; the next ones start from "
        "the state the previous piece returned.": restarted,
        "the given starting state was not used: the first piece starts from `state` (None means zeros).":
            ignored_start,
        "h and c were swapped when carried over: an LSTM returns (output, (h_n, c_n)) and takes (h_0, c_0) in the "
        "same order.": swapped_out,
    })
    expect_close(expect_tensor(h_n, f"h_n of {what}"), want_h, f"h_n of {what}", atol=1e-5,
                 hint="return the state of the LAST piece, all layers: (h_n, c_n), each (num_layers, batch, hidden).")
    expect_close(expect_tensor(c_n, f"c_n of {what}"), want_c, f"c_n of {what}", atol=1e-5,
                 hint="return the state of the LAST piece, all layers: (h_n, c_n), each (num_layers, batch, hidden).")


def test_pieces_carry_the_state(exercise):
    run(exercise, 3, 8, 3, 1, False)          # 3 + 3 + 2: the last piece shorter
    run(exercise, 2, 9, 3, 2, False, seed=1)  # several layers


def test_given_starting_state(exercise):
    run(exercise, 3, 7, 2, 2, True, seed=2)
    run(exercise, 2, 6, 6, 1, True, seed=3)   # one piece


def test_edge_sizes(exercise):
    run(exercise, 1, 5, 1, 3, True, seed=4)   # batch of one, a piece per step
    run(exercise, 2, 3, 10, 2, False, seed=5)  # chunk longer than the sequence: one piece


def test_gradients_cross_pieces(exercise):
    # The pieces must stay one graph: a state .detach()ed between pieces (truncated BPTT, a later exercise)
    # gives the same values but cuts the gradient of the last steps off the first ones.
    torch.manual_seed(6)
    lstm = nn.LSTM(3, 4, batch_first=True)
    x = torch.randn(2, 6, 3)
    what = "run_in_chunks(lstm, x, chunk=2) for x of shape (2, 6, 3)"
    x_ref = x.clone().requires_grad_(True)
    _, (h_ref, _) = lstm(x_ref)
    h_ref.sum().backward()
    x_got = x.clone().requires_grad_(True)
    output, last = expect_pair(exercise.run_in_chunks(lstm, x_got, 2), what, "(output, (h_n, c_n))")
    if not isinstance(last, (tuple, list)) or len(last) != 2:
        fail(f"the second item returned by {what} should be the pair (h_n, c_n), but it is {describe(last)}.")
    h_n = expect_tensor(last[0], f"h_n of {what}")
    expect(h_n.requires_grad, f"h_n of {what} does not require grad: the graph was cut.",
           hint="no torch.no_grad(), .detach() or .item() inside run_in_chunks: the state carried from piece to "
                "piece must stay in the graph.")
    h_n.sum().backward()
    expect(x_got.grad is not None, "after h_n.sum().backward(), x has no gradient: the graph was cut.")
    expect_close(x_got.grad, x_ref.grad, f"the gradient of h_n.sum() with respect to x, from {what}", atol=1e-5,
                 hint="the state carried between pieces was detached (or rebuilt from values): then the gradient "
                      "stops at each piece's start. Pass the state returned by the previous call as it is."
                 if bool(x_got.grad[:, :4].abs().sum() == 0) else None)
