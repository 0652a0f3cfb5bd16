import torch
from torch import nn

from dlings.testing import expect, expect_close, expect_shape, expect_tensor, fail
from support_20_rnn import expect_pair


def reference(cell, x, h0):
    rnn = nn.RNN(cell.input_size, cell.hidden_size).to(x.dtype)
    with torch.no_grad():
        for a, b in [("weight_ih_l0", "weight_ih"), ("weight_hh_l0", "weight_hh"),
                     ("bias_ih_l0", "bias_ih"), ("bias_hh_l0", "bias_hh")]:
            getattr(rnn, a).copy_(getattr(cell, b))
    out, h_n = rnn(x, None if h0 is None else h0.unsqueeze(0))
    return out.detach(), h_n[0].detach()


def run(exercise, seq, batch, i, hsz, with_h0, seed=0):
    torch.manual_seed(seed)
    cell = nn.RNNCell(i, hsz)
    x = torch.randn(seq, batch, i)
    h0 = torch.randn(batch, hsz) if with_h0 else None
    what = f"unroll(cell, x{', h0' if with_h0 else ''}) for x of shape {tuple(x.shape)} (seq_len {seq}, batch {batch})"
    try:
        result = exercise.unroll(cell, x, h0) if with_h0 else exercise.unroll(cell, x)
    except RuntimeError as e:
        if "batch size" not in str(e):
            raise
        fail(f"{what} raised: {e}", hint="x is time first: dim 0 is the step, dim 1 the batch. x[t] is step t, "
                                         "of shape (batch, input_size), and the zero state is (x.shape[1], hidden_size).")
    out, h_last = expect_pair(result, what, "(output, h_last)")
    want_out, want_h = reference(cell, x, h0)
    expect_tensor(out, f"the output of {what}")
    expect_shape(out, want_out.shape, f"the output of {what}",
                 hint="output is time first, like x: (seq_len, batch, hidden_size), one hidden state per step "
                      "(torch.stack along dim 0)." if out.dim() == 3 and out.shape[0] == batch else None)
    without_h0 = reference(cell, x, None)[0]
    first_only = torch.stack([cell(x[t], h0) for t in range(seq)]).detach()
    expect_close(out, want_out, f"the output of {what}", mistakes={
        "each step must get the hidden state the previous step returned (h = cell(x[t], h)), not the initial one.":
            first_only,
        "h0 was ignored: the first step starts from the h0 given (zeros only when h0 is None).": without_h0,
    } if with_h0 else {"each step must get the hidden state the previous step returned (h = cell(x[t], h)).":
                       torch.stack([cell(x[t]) for t in range(seq)]).detach()})
    expect_tensor(h_last, f"h_last of {what}")
    expect_close(h_last, want_h, f"h_last of {what}", mistakes={
        "h_last is the state after the LAST step (output[-1]).": want_out[0]} if seq > 1 else None)
    return out


def test_matches_nn_rnn(exercise):
    run(exercise, 5, 3, 4, 6, True)
    run(exercise, 6, 2, 3, 4, False, seed=1)


def test_size_one_cases(exercise):
    run(exercise, 1, 2, 3, 4, True, seed=2)      # a single step
    run(exercise, 4, 1, 2, 1, True, seed=3)      # batch of one, hidden size one
    run(exercise, 3, 5, 1, 2, False, seed=4)     # input size one


def test_gradient_flows_through_time(exercise):
    torch.manual_seed(5)
    cell = nn.RNNCell(3, 4)
    x = torch.randn(6, 2, 3, requires_grad=True)
    out, h_last = expect_pair(exercise.unroll(cell, x), "unroll(cell, x)", "(output, h_last)")
    expect(isinstance(h_last, torch.Tensor) and h_last.requires_grad,
           "h_last of unroll(cell, x) does not require grad: the graph through time was cut.",
           hint="no .detach(), .item() or torch.no_grad() while stepping.")
    h_last.sum().backward()
    expect(x.grad is not None and bool(x.grad[0].abs().sum() > 0),
           "the gradient of h_last does not reach the first step of x: the steps are not chained.",
           hint="h = cell(x[t], h): each step must use the hidden state the previous one returned.")


def test_float64_zero_state(exercise):
    # h0=None must become zeros of x's dtype: a float32 torch.zeros breaks a float64 cell.
    torch.manual_seed(6)
    cell = nn.RNNCell(3, 4).double()
    x = torch.randn(4, 2, 3, dtype=torch.float64)
    what = "unroll(cell, x) for a float64 cell and x, h0=None"
    try:
        result = exercise.unroll(cell, x)
    except RuntimeError as e:
        if "dtype" not in str(e) and "Double" not in str(e):
            raise
        fail(f"{what} raised: {e}",
             hint="the zero state must have x's dtype and device: x.new_zeros(batch, hidden_size) "
                  "(torch.zeros(...) alone is float32).")
    out, h_last = expect_pair(result, what, "(output, h_last)")
    want_out, want_h = reference(cell, x, None)
    expect_close(out, want_out, f"the output of {what}")
    expect_close(h_last, want_h, f"h_last of {what}")
