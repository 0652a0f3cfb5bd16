import itertools

import torch
from torch import nn

from dlings.testing import expect_equal, fail, forbid_calls
from support_20_rnn import describe

WHY = "work the shapes out from the docs; the check runs the real layers."
CONFIGS = [  # batch, seq_len, input_size, hidden_size, num_layers, bidirectional, batch_first
    (4, 7, 3, 5, 1, False, False),
    (4, 7, 3, 5, 1, False, True),
    (4, 7, 3, 5, 2, False, True),
    (4, 7, 3, 5, 1, True, True),
    (4, 7, 3, 5, 3, True, False),
    (2, 9, 6, 4, 2, True, True),
    (1, 1, 1, 1, 1, False, True),
    (3, 2, 8, 6, 3, False, False),
]
ARGS = "batch, seq_len, input_size, hidden_size, num_layers, bidirectional, batch_first"


def as_shape(value, what):
    try:
        return tuple(int(v) for v in value)
    except (TypeError, ValueError):
        fail(f"{what} should be a tuple of ints, but it is {describe(value)}.")


def test_shapes_match_the_real_layers(exercise):
    for cfg, (kind, layer) in itertools.product(CONFIGS, [("LSTM", nn.LSTM), ("GRU", nn.GRU), ("RNN", nn.RNN)]):
        batch, seq_len, i, hsz, layers, bi, bf = cfg
        call = f"rnn_shapes({', '.join(f'{n}={v}' for n, v in zip(ARGS.split(', '), cfg))})"
        with forbid_calls(["torch.nn.LSTM", "torch.nn.GRU", "torch.nn.RNN"], why=WHY):
            result = exercise.rnn_shapes(*cfg)
        if not isinstance(result, (tuple, list)) or len(result) != 2:
            fail(f"{call} should return (output_shape, h_n_shape), but it returned {describe(result)}.",
                 hint="finish the TODO and return the two tuples." if result is None or result is Ellipsis else None)
        out_shape = as_shape(result[0], f"output_shape of {call}")
        h_shape = as_shape(result[1], f"h_n_shape of {call}")
        torch.manual_seed(0)
        rnn = layer(i, hsz, num_layers=layers, bidirectional=bi, batch_first=bf)
        x = torch.randn((batch, seq_len, i) if bf else (seq_len, batch, i))
        out, h_n = rnn(x)
        if isinstance(h_n, tuple):
            h_n = h_n[0]
        d = 2 if bi else 1
        expect_equal(out_shape, tuple(out.shape), f"output_shape of {call} (for nn.{kind})", mistakes={
            "output holds only the LAST layer's states, at every step: its feature size is "
            "(2 if bidirectional else 1) * hidden_size, whatever num_layers is.":
                (tuple(out.shape[:2]) + (d * layers * hsz,)) if layers > 1 else None,
            "a bidirectional layer concatenates both directions in output's last dim: 2 * hidden_size.":
                (tuple(out.shape[:2]) + (hsz,)) if bi else None,
            "batch_first=True puts the batch first in output (and in the input): (batch, seq_len, features).":
                (seq_len, batch, d * hsz) if bf and seq_len != batch else None,
            "without batch_first, output is time first: (seq_len, batch, features).":
                (batch, seq_len, d * hsz) if not bf and seq_len != batch else None,
        })
        expect_equal(h_shape, tuple(h_n.shape), f"h_n_shape of {call} (for nn.{kind})", mistakes={
            "h_n is (num_layers * num_directions, batch, hidden_size) even with batch_first=True: batch_first "
            "changes only input and output.": (batch, d * layers, hsz) if bf and batch != d * layers else None,
            "h_n has one row per layer AND direction: num_layers * (2 if bidirectional else 1).":
                (layers, batch, hsz) if bi else None,
            "h_n keeps each direction separate: its last dim is hidden_size, not 2 * hidden_size.":
                (layers, batch, d * hsz) if bi else None,
        })
