import torch
from torch import nn

from dlings.testing import expect_close, expect_shape, expect_tensor


def run(exercise, batch, T, i, hsz, layers, seed):
    torch.manual_seed(seed)
    lstm = nn.LSTM(i, hsz, num_layers=layers, batch_first=True, bidirectional=True)
    x = torch.randn(batch, T, i)
    what = f"final_features(lstm, x) for a {layers}-layer bidirectional LSTM (hidden {hsz}), x of shape {tuple(x.shape)}"
    got = expect_tensor(exercise.final_features(lstm, x), what)
    with torch.no_grad():
        out, (h_n, c_n) = lstm(x)
    want = torch.cat([out[:, -1, :hsz], out[:, 0, hsz:]], dim=1)   # forward after the last step, backward after the first
    expect_shape(got, (batch, 2 * hsz), what,
                 hint="concatenate the two directions' (batch, hidden) states along dim 1.")
    expect_close(got, want, what, mistakes={
        "output[:, -1] holds the backward direction after reading only the LAST step; its final state is at "
        "step 0. Take both final states from h_n.": out[:, -1],
        "those are layer 0's states: h_n starts with the bottom layer; the top layer's pair is the last two rows.":
            torch.cat([h_n[0], h_n[1]], dim=1) if layers > 1 else None,
        "h_n's first dim is layers x directions with the direction inner (layer 0 fwd, layer 0 bwd, layer 1 fwd, "
        "...): view it as (num_layers, 2, batch, hidden), not (2, num_layers, ...).":
            torch.cat([h_n.view(2, layers, batch, hsz)[0, -1], h_n.view(2, layers, batch, hsz)[1, -1]], dim=1)
            if layers > 1 else None,
        "that is the memory cell c_n; the hidden state is h_n (an LSTM returns output, (h_n, c_n)).":
            torch.cat([c_n[-2], c_n[-1]], dim=1),
        "the forward state comes first, then the backward one.": torch.cat([h_n[-1], h_n[-2]], dim=1),
    })


def test_one_layer(exercise):
    run(exercise, 3, 5, 4, 6, 1, 0)


def test_several_layers(exercise):
    run(exercise, 3, 5, 4, 6, 2, 1)
    run(exercise, 2, 4, 3, 5, 3, 2)


def test_size_one_cases(exercise):
    run(exercise, 1, 6, 2, 3, 2, 3)      # batch of one
    run(exercise, 4, 1, 2, 1, 2, 4)      # one step, hidden size one
