import torch
from torch import nn

from dlings.testing import expect, expect_close, expect_shape, expect_tensor, fail
from support_20_rnn import expect_pair


def run(exercise, batch, T, i, hsz, seed):
    torch.manual_seed(seed)
    fwd, bwd = nn.GRU(i, hsz, batch_first=True), nn.GRU(i, hsz, batch_first=True)
    bi = nn.GRU(i, hsz, batch_first=True, bidirectional=True)
    with torch.no_grad():
        for name in ["weight_ih", "weight_hh", "bias_ih", "bias_hh"]:
            getattr(bi, f"{name}_l0").copy_(getattr(fwd, f"{name}_l0"))
            getattr(bi, f"{name}_l0_reverse").copy_(getattr(bwd, f"{name}_l0"))
    x = torch.randn(batch, T, i)
    what = f"bidirectional(fwd, bwd, x) for x of shape {tuple(x.shape)}, hidden {hsz}"
    calls = {"fwd": 0, "bwd": 0}
    handles = [m.register_forward_hook(lambda mod, a, o, k=k: calls.__setitem__(k, calls[k] + 1))
               for k, m in [("fwd", fwd), ("bwd", bwd)]]
    try:
        with torch.no_grad():
            result = exercise.bidirectional(fwd, bwd, x.clone())
    finally:
        for h in handles:
            h.remove()
    output, h_n = expect_pair(result, what, "(output, h_n)")
    expect(calls == {"fwd": 1, "bwd": 1},
           f"{what} called fwd {calls['fwd']} time(s) and bwd {calls['bwd']} time(s); expected once each.",
           hint="run fwd on x and bwd on x reversed in time (call the modules, not .forward), one call each.")
    with torch.no_grad():
        want_out, want_h = bi(x)
        out_f, h_f = fwd(x)
        out_b, h_b = bwd(x.flip(1))
        out_b_plain, h_b_plain = bwd(x)
    output = expect_tensor(output, f"output of {what}")
    expect_shape(output, (batch, T, 2 * hsz), f"output of {what}",
                 hint="concatenate the two directions' outputs along the feature dim (dim 2).")
    expect_close(output, want_out, f"output of {what}", atol=1e-6, mistakes={
        "the backward outputs are still in reversed time order: flip them back along the time dim (dim 1), so that "
        "output[:, t] pairs both directions' states at step t.": torch.cat([out_f, out_b], 2),
        "bwd read x in its original time order: it must read x reversed in TIME, x.flip(1) for a batch_first "
        "input (flipping dim 0 reverses the batch instead).": torch.cat([out_f, out_b_plain], 2),
        "the forward direction comes first in the features, then the backward one.":
            torch.cat([out_b.flip(1), out_f], 2),
    })
    h_n = expect_tensor(h_n, f"h_n of {what}")
    expect_shape(h_n, (2, batch, hsz), f"h_n of {what}",
                 hint="stack the two directions' final states along dim 0: forward first, then backward.")
    expect_close(h_n, want_h, f"h_n of {what}", atol=1e-6, mistakes={
        "the backward direction's final state is the one after it read the WHOLE (reversed) sequence: bwd's own "
        "h_n, which sits at time step 0 of the flipped-back output, not at step T-1.":
            torch.stack([h_f[0], out_b[:, 0]]) if T > 1 else None,
        "forward first, then backward.": torch.cat([h_b, h_f], 0),
    })


def test_matches_bidirectional_gru(exercise):
    run(exercise, 3, 6, 4, 5, 0)
    run(exercise, 2, 9, 2, 3, 1)


def test_size_one_cases(exercise):
    run(exercise, 1, 5, 3, 4, 2)    # batch of one
    run(exercise, 3, 1, 2, 1, 3)    # one step, hidden size one


def test_no_builtin_bidirectional(exercise, exercise_path):
    import ast
    tree = ast.parse(exercise_path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg == "bidirectional":
            fail(f"line {node.lineno} of your file passes bidirectional=...: the point is to build it from fwd and "
                 "bwd yourself.", hint="run bwd on x.flip(1) and flip its outputs back.")
