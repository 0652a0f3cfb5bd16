"""Measured: the whole check runs in well under a second here; weights are drawn in [-1, 1] so every slip of the
gate order, the reset gate's place or the update mix moves the result far beyond the tolerance."""
import torch
from torch import nn

from dlings.testing import expect, expect_close, expect_not_calling, expect_shape, expect_tensor, fail, forbid_calls

BANNED = ["torch.nn.GRU", "torch.nn.GRUCell", "torch.gru_cell", "torch.gru"]
WHY = "the point is to compute the gates yourself."


def variants(x, h, w_ih, w_hh, b_ih, b_hh):
    """The step with one plausible slip each: {cause: h_new}."""
    hs = h.shape[1]
    i_r, i_z, i_n = (x @ w_ih.T + b_ih).chunk(3, dim=1)
    h_r, h_z, h_n = (h @ w_hh.T + b_hh).chunk(3, dim=1)
    r, z = torch.sigmoid(i_r + h_r), torch.sigmoid(i_z + h_z)

    def mix(n, z=z):
        return (1 - z) * n + z * h

    return mix(torch.tanh(i_n + r * h_n)), {
        "nn.GRU stacks the parts in the order r, z, n (reset, update, candidate): the first third is the reset gate.":
            (1 - r) * torch.tanh(i_n + z * h_n) + r * h,
        "h_new = (1 - z) * n + z * h: z is the share of the OLD state that is kept, not of the candidate.":
            z * torch.tanh(i_n + r * h_n) + (1 - z) * h,
        "nn.GRU puts b_hn inside the reset gate: n = tanh(W_in x + b_in + r * (W_hn h + b_hn)), "
        "not r * (W_hn h) + b_hn.": mix(torch.tanh(i_n + r * (h @ w_hh[2 * hs:].T) + b_hh[2 * hs:])),
        "nn.GRU applies r AFTER the matrix product, r * (W_hn h + b_hn); (r * h) @ W_hn.T is the original paper's "
        "variant, not PyTorch's.": mix(torch.tanh(i_n + (r * h) @ w_hh[2 * hs:].T + b_hh[2 * hs:])),
        "r scales only the hidden half of n: n = tanh(W_in x + b_in + r * (W_hn h + b_hn)), the input half is not "
        "reset.": mix(torch.tanh(r * (i_n + h_n))),
    }


def call(exercise, x, h, gru, what):
    with forbid_calls(BANNED, why=WHY):
        try:
            out = exercise.gru_step(x, h, gru.weight_ih_l0, gru.weight_hh_l0, gru.bias_ih_l0, gru.bias_hh_l0)
        except (RuntimeError, ValueError) as e:
            if not any(k in str(e) for k in ("size of tensor", "shape", "values to unpack", "must match")):
                raise
            fail(f"{what} raised: {e}", hint="the three parts sit side by side in the LAST dim of the "
                                             "(batch, 3*hidden) products: chunk(3, dim=1), not dim 0 (the batch).")
    if out is None or out is Ellipsis:
        fail(f"{what} returned {out!r}.", hint="finish the TODO and return h_new.")
    if isinstance(out, (tuple, list)):
        fail(f"{what} returned a {type(out).__name__}; a GRU has one state, so return the tensor h_new alone.")
    expect_tensor(out, what)
    expect_shape(out, tuple(h.shape), what, hint="h_new has the shape of h: (batch, hidden_size).")
    return out


def make(i, hsz, seed):
    torch.manual_seed(seed)
    gru = nn.GRU(i, hsz)
    with torch.no_grad():   # larger weights and biases, so every slip shows
        for p in gru.parameters():
            p.uniform_(-1, 1)
    return gru


def test_one_step_matches(exercise):
    for i, hsz, batch, seed in [(3, 4, 5, 0), (2, 1, 3, 1), (5, 3, 1, 2), (1, 2, 4, 3), (3, 3, 3, 4)]:
        gru = make(i, hsz, seed)
        x, h = torch.randn(batch, i), torch.randn(batch, hsz)
        what = f"gru_step(x, h, ...) with input_size {i}, hidden_size {hsz}, batch {batch}"
        h_new = call(exercise, x, h, gru, what)
        _, h_ref = gru(x.unsqueeze(0), h.unsqueeze(0))
        with torch.no_grad():
            _, slips = variants(x, h, gru.weight_ih_l0, gru.weight_hh_l0, gru.bias_ih_l0, gru.bias_hh_l0)
        expect_close(h_new, h_ref[0].detach(), what, mistakes=slips)


def test_a_sequence_equals_nn_gru(exercise):
    gru = make(4, 3, 5)
    seq, batch = 6, 2
    x = torch.randn(seq, batch, 4)
    h = torch.zeros(batch, 3)
    outs = []
    for t in range(seq):
        h = call(exercise, x[t], h, gru, f"gru_step at step {t} of a sequence")
        outs.append(h)
    out_ref, _ = gru(x)
    expect_close(torch.stack(outs), out_ref.detach(), "the h of every step, stepping gru_step through a sequence of 6")


def test_gradients(exercise):
    gru, ref = make(3, 2, 6), make(3, 2, 6)
    x, h = torch.randn(4, 3), torch.randn(4, 2)
    h_new = call(exercise, x, h, gru, "gru_step(x, h, ...)")
    expect(h_new.requires_grad, "h_new does not require grad: the GRU's weights would never learn.",
           hint="no .detach(), .data or torch.no_grad() in the step.")
    _, h_ref = ref(x.unsqueeze(0), h.unsqueeze(0))
    (h_new * torch.arange(1.0, 3.0)).sum().backward()
    (h_ref[0] * torch.arange(1.0, 3.0)).sum().backward()
    for name, p in gru.named_parameters():
        if p.grad is None:
            fail(f"no gradient reached {name}.", hint="use all four weights and biases, without .detach().")
        expect_close(p.grad, getattr(ref, name).grad, f"the gradient of {name}")


def test_no_builtin(exercise):
    expect_not_calling(exercise.gru_step, ["GRU", "GRUCell", "gru_cell", "nn.GRU", "nn.GRUCell"], why=WHY)
