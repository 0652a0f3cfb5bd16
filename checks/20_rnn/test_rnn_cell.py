import math

import torch
from torch import nn

from dlings.testing import (expect, expect_close, expect_equal, expect_not_calling, expect_parameter_names,
                            expect_tensor, fail, forbid_calls)
from support_20_rnn import expect_module

NAMES = ["weight_ih", "weight_hh", "bias_ih", "bias_hh"]
BANNED = ["torch.nn.RNNCell", "torch.nn.RNN", "torch.rnn_tanh_cell", "torch.rnn_tanh"]
WHY = "the point is to write the step from its formula."


def make(exercise, i, h):
    return expect_module(exercise.MyRNNCell(i, h), f"MyRNNCell({i}, {h})")


def test_parameters_named_and_shaped_like_rnncell(exercise):
    torch.manual_seed(0)
    cell = make(exercise, 5, 3)
    expect_parameter_names(cell, NAMES, "MyRNNCell(5, 3)")
    ref = nn.RNNCell(5, 3)
    for name in NAMES:
        got = tuple(getattr(cell, name).shape)
        want = tuple(getattr(ref, name).shape)
        expect_equal(got, want, f"the shape of MyRNNCell(5, 3).{name}",
                     mistakes={"nn.RNNCell stores each weight as (hidden_size, in_features), like nn.Linear: "
                               "the step uses x @ weight_ih.T.": tuple(reversed(want))} if len(want) == 2 else None)


def test_init_range(exercise):
    torch.manual_seed(1)
    hidden = 64
    cell = make(exercise, 40, hidden)
    k = 1 / math.sqrt(hidden)
    for name in NAMES:
        w = getattr(cell, name).detach()
        lo, hi = float(w.min()), float(w.max())
        expect(-k - 1e-6 <= lo and hi <= k + 1e-6 and lo < -0.8 * k and hi > 0.8 * k,
               f"MyRNNCell(40, 64).{name} should be uniform in [-1/sqrt(64), 1/sqrt(64)] = [-{k:.3f}, {k:.3f}]; "
               f"its values lie in [{lo:.3f}, {hi:.3f}].",
               hint="nn.RNNCell draws every parameter, biases too, from U(-k, k) with k = 1/sqrt(hidden_size) "
                    "(tensor.uniform_(-k, k)).")


def compare(exercise, i, hsz, batch, with_h, dtype=torch.float32):
    torch.manual_seed(2)
    ref = nn.RNNCell(i, hsz).to(dtype)
    with torch.no_grad():   # visible biases, so a missing one shows
        ref.bias_ih.uniform_(-1, 1)
        ref.bias_hh.uniform_(-1, 1)
    cell = make(exercise, i, hsz).to(dtype)
    cell.load_state_dict(ref.state_dict())
    x = torch.randn(batch, i, dtype=dtype) * 2
    h = torch.randn(batch, hsz, dtype=dtype) if with_h else None
    what = f"MyRNNCell({i}, {hsz})(x{', h' if with_h else ''}) for x of shape {tuple(x.shape)}" + \
        ("" if dtype == torch.float32 else f", dtype {dtype}")
    with forbid_calls(BANNED, why=WHY):
        try:
            got = expect_tensor(cell(x, h) if with_h else cell(x), what)
        except RuntimeError as e:
            if dtype == torch.float32 or "dtype" not in str(e).lower():
                raise
            fail(f"{what} raised: {e}",
                 hint="the zero state made for h=None must have the dtype and device of x: x.new_zeros(...) "
                      "(torch.zeros(...) alone is always float32 on the CPU).")
    want = ref(x, h)
    hh = torch.zeros(batch, hsz, dtype=dtype) if h is None else h
    pre = x @ ref.weight_ih.T + ref.bias_ih + hh @ ref.weight_hh.T + ref.bias_hh
    expect_close(got, want.detach(), what, check_dtype=True, mistakes={
        "the step ends with tanh, not ReLU (nn.RNNCell's default nonlinearity is 'tanh').": torch.relu(pre).detach(),
        "the step ends with tanh, not sigmoid.": torch.sigmoid(pre).detach(),
        "the hidden state h is missing from the sum: add h @ weight_hh.T + bias_hh.":
            torch.tanh(x @ ref.weight_ih.T + ref.bias_ih + ref.bias_hh).detach(),
        "bias_hh is missing from the sum (both biases are added).":
            torch.tanh(x @ ref.weight_ih.T + ref.bias_ih + hh @ ref.weight_hh.T).detach(),
        "bias_ih is missing from the sum (both biases are added).":
            torch.tanh(x @ ref.weight_ih.T + ref.bias_hh + hh @ ref.weight_hh.T).detach(),
        "the tanh is missing: the step returns the pre-activation.": pre.detach(),
        "weight_hh is applied untransposed (h @ weight_hh): use h @ weight_hh.T.":
            torch.tanh(x @ ref.weight_ih.T + ref.bias_ih + hh @ ref.weight_hh + ref.bias_hh).detach(),
    })
    return got, want


def test_matches_rnncell(exercise):
    for i, hsz, batch, with_h in [(5, 3, 4, True), (5, 3, 4, False), (1, 6, 1, True), (3, 1, 2, True), (4, 4, 3, False)]:
        compare(exercise, i, hsz, batch, with_h)


def test_float64_and_zero_state_dtype(exercise):
    compare(exercise, 3, 2, 2, False, dtype=torch.float64)


def test_gradient_values(exercise):
    torch.manual_seed(3)
    ref = nn.RNNCell(4, 3)
    cell = make(exercise, 4, 3)
    cell.load_state_dict(ref.state_dict())
    x, h = torch.randn(5, 4), torch.randn(5, 3)
    up = torch.randn(5, 3)
    out = cell(x, h)
    expect(out.requires_grad, "MyRNNCell's output does not require grad: the parameters would never learn.",
           hint="no .detach(), .data or torch.no_grad() in forward.")
    (out * up).sum().backward()
    (ref(x, h) * up).sum().backward()
    for name in NAMES:
        g = getattr(cell, name).grad
        if g is None:
            fail(f"no gradient reached MyRNNCell.{name}.", hint="use every parameter in forward, without .detach().")
        expect_close(g, getattr(ref, name).grad, f"the gradient of MyRNNCell.{name}")


def test_no_builtin(exercise):
    expect_not_calling(exercise.MyRNNCell, ["RNNCell", "nn.RNNCell", "torch.nn.RNNCell", "nn.RNN", "rnn_tanh_cell"],
                       why=WHY)
