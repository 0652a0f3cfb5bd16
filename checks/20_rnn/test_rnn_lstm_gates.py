import torch
from torch import nn

from dlings.testing import expect, expect_close, expect_not_calling, expect_tensor, fail, forbid_calls
from support_20_rnn import expect_pair

BANNED = ["torch.nn.LSTM", "torch.nn.LSTMCell", "torch.lstm_cell", "torch.lstm"]
WHY = "the point is to compute the gates yourself."


def variants(x, h, c, w_ih, w_hh, b_ih, b_hh):
    """The step with one plausible slip each: {cause: (h, c)}."""
    gates = x @ w_ih.T + b_ih + h @ w_hh.T + b_hh

    def step(order="ifgo", g_act=torch.tanh, forget=True, tanh_c=True):
        parts = dict(zip(order, gates.chunk(4, dim=1)))
        i, f, g, o = torch.sigmoid(parts["i"]), torch.sigmoid(parts["f"]), g_act(parts["g"]), torch.sigmoid(parts["o"])
        c2 = (f * c if forget else c) + i * g
        return (o * torch.tanh(c2) if tanh_c else o * c2), c2

    return step(), {
        "nn.LSTM stacks the gates in the order i, f, g, o (input, forget, cell candidate, output), not i, f, o, g.":
            step(order="ifog"),
        "the cell candidate g uses tanh, not sigmoid (so it can be negative).": step(g_act=torch.sigmoid),
        "the old cell state is scaled by the forget gate: c_new = f * c + i * g.": step(forget=False),
        "h_new = o * tanh(c_new): the tanh of the new cell state, not c_new itself.": step(tanh_c=False),
    }


def call(exercise, x, h, c, lstm, what):
    with forbid_calls(BANNED, why=WHY):
        try:
            out = exercise.lstm_step(x, h, c, lstm.weight_ih_l0, lstm.weight_hh_l0, lstm.bias_ih_l0, lstm.bias_hh_l0)
        except (RuntimeError, ValueError) as e:
            if not any(k in str(e) for k in ("size of tensor", "shape", "values to unpack")):
                raise
            fail(f"{what} raised: {e}", hint="the four gates sit side by side in the LAST dim of the (batch, 4*hidden) "
                                             "pre-activations: chunk(4, dim=1), not dim 0 (the batch).")
    return expect_pair(out, what, "(h_new, c_new)")


def make(i, hsz, seed):
    torch.manual_seed(seed)
    lstm = nn.LSTM(i, hsz)
    with torch.no_grad():   # larger weights and biases, so every slip shows
        for p in lstm.parameters():
            p.uniform_(-1, 1)
    return lstm


def test_one_step_matches(exercise):
    for i, hsz, batch, seed in [(3, 4, 5, 0), (2, 1, 3, 1), (5, 3, 1, 2), (1, 2, 4, 3)]:
        lstm = make(i, hsz, seed)
        x, h, c = torch.randn(batch, i), torch.randn(batch, hsz), torch.randn(batch, hsz) * 2
        what = f"lstm_step(x, h, c, ...) with input_size {i}, hidden_size {hsz}, batch {batch}"
        h_new, c_new = call(exercise, x, h, c, lstm, what)
        _, (h_ref, c_ref) = lstm(x.unsqueeze(0), (h.unsqueeze(0), c.unsqueeze(0)))
        with torch.no_grad():
            good, slips = variants(x, h, c, lstm.weight_ih_l0, lstm.weight_hh_l0, lstm.bias_ih_l0, lstm.bias_hh_l0)
        expect_tensor(c_new, f"c_new of {what}")
        expect_close(c_new, c_ref[0].detach(), f"c_new of {what}", mistakes={k: v[1] for k, v in slips.items()})
        expect_tensor(h_new, f"h_new of {what}")
        expect_close(h_new, h_ref[0].detach(), f"h_new of {what}", mistakes={k: v[0] for k, v in slips.items()})


def test_a_sequence_equals_nn_lstm(exercise):
    lstm = make(4, 3, 4)
    seq, batch = 6, 2
    x = torch.randn(seq, batch, 4)
    h = c = torch.zeros(batch, 3)
    outs = []
    for t in range(seq):
        h, c = call(exercise, x[t], h, c, lstm, f"lstm_step at step {t} of a sequence")
        outs.append(h)
    out_ref, (h_ref, c_ref) = lstm(x)
    expect_close(torch.stack(outs), out_ref.detach(), "the h of every step, stepping lstm_step through a sequence of 6")
    expect_close(c, c_ref[0].detach(), "the final c after stepping lstm_step through a sequence of 6")


def test_gradients(exercise):
    lstm = make(3, 2, 5)
    ref = make(3, 2, 5)
    x, h, c = torch.randn(4, 3), torch.randn(4, 2), torch.randn(4, 2)
    h_new, c_new = call(exercise, x, h, c, lstm, "lstm_step(x, h, c, ...)")
    expect(isinstance(h_new, torch.Tensor) and h_new.requires_grad,
           "h_new does not require grad: the LSTM's weights would never learn.",
           hint="no .detach(), .data or torch.no_grad() in the step.")
    _, (h_ref, c_ref) = ref(x.unsqueeze(0), (h.unsqueeze(0), c.unsqueeze(0)))
    (h_new.sum() + (c_new * 0.5).sum()).backward()
    (h_ref.sum() + (c_ref * 0.5).sum()).backward()
    for name, p in lstm.named_parameters():
        if p.grad is None:
            fail(f"no gradient reached {name}.", hint="use all four weights and biases, without .detach().")
        expect_close(p.grad, getattr(ref, name).grad, f"the gradient of {name}")


def test_no_builtin(exercise):
    expect_not_calling(exercise.lstm_step, ["LSTM", "LSTMCell", "lstm_cell", "nn.LSTM", "nn.LSTMCell"], why=WHY)
