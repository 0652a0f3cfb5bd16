import torch
from torch import nn

from dlings.testing import expect, expect_close, expect_shape, expect_tensor, fail
from support_20_rnn import expect_pair


def run(exercise, lengths, T, i=3, hsz=4, seed=0):
    torch.manual_seed(seed)
    rnn = nn.GRU(i, hsz, batch_first=True)
    lengths = torch.tensor(lengths)
    batch = len(lengths)
    padded = torch.randn(batch, T, i)
    mask = torch.arange(T)[None, :] < lengths[:, None]
    padded = padded * mask.unsqueeze(-1)        # zero padding, as pad_batch makes it
    what = f"encode(rnn, padded, lengths) for padded of shape {tuple(padded.shape)} and lengths {lengths.tolist()}"
    try:
        result = exercise.encode(rnn, padded.clone(), lengths.clone())
    except RuntimeError as e:
        if "sorted" not in str(e):
            raise
        fail(f"{what} raised: {e}", hint="the lengths come in any order: pack_padded_sequence(..., "
                                         "enforce_sorted=False) sorts them for you and restores the order after.")
    output, h_last = expect_pair(result, what, "(output, h_last)")
    # the truth: every sequence run alone over its real steps only
    want_out = torch.zeros(batch, T, hsz)
    want_h = torch.zeros(batch, hsz)
    with torch.no_grad():
        for b in range(batch):
            o, h = rnn(padded[b:b + 1, :lengths[b]])
            want_out[b, :lengths[b]] = o[0]
            want_h[b] = h[0, 0]
        unpacked_out, unpacked_h = rnn(padded)
    expect_tensor(output, f"output of {what}")
    expect_shape(output, (batch, T, hsz), f"output of {what}",
                 hint="output keeps the padded length T of the input, even when every sequence is shorter: "
                      "pad_packed_sequence(..., total_length=padded.shape[1])."
                 if output.dim() == 3 and output.shape[1] == int(lengths.max()) else None)
    expect_close(output, want_out, f"output of {what}", mistakes={
        "the RNN ran over the padding unpacked: the padded steps are not zero. Pack the batch first "
        "(pack_padded_sequence), then pad_packed_sequence fills the padding with 0.": unpacked_out.detach()})
    expect_tensor(h_last, f"h_last of {what}")
    expect_close(h_last, want_h, f"h_last of {what}", mistakes={
        "h_last was read at the last column (output[:, -1]): for a shorter sequence that is padding (zeros "
        "after pad_packed_sequence). Each sequence ends at its own length; with a packed input h_n holds that.":
            want_out[:, -1],
        "the RNN stepped through the padding (h_n, or output[:, -1], of an unpacked run is the state after the "
        "padded end). Pack the batch first.": unpacked_h[-1].detach(),
        "h_last is in the order of the sorted lengths, not the batch's: put it back in the original order "
        "(enforce_sorted=False does both for you).": want_h[lengths.argsort(descending=True, stable=True)],
    })
    return output, h_last


def test_unsorted_lengths(exercise):
    run(exercise, [3, 6, 2, 5], 6)


def test_padded_longer_than_every_sequence(exercise):
    run(exercise, [4, 2, 3], 7, seed=1)


def test_size_one_cases(exercise):
    run(exercise, [1, 5, 1], 5, seed=2)        # sequences of one step
    run(exercise, [3], 3, seed=3)              # a batch of one, no padding
    run(exercise, [4, 4], 4, i=1, hsz=1, seed=4)


def test_gradient_reaches_the_inputs(exercise):
    torch.manual_seed(5)
    rnn = nn.GRU(2, 3, batch_first=True)
    padded = torch.randn(3, 5, 2, requires_grad=True)
    output, h_last = expect_pair(exercise.encode(rnn, padded, torch.tensor([5, 2, 4])), "encode(rnn, padded, lengths)",
                                 "(output, h_last)")
    expect(isinstance(h_last, torch.Tensor) and h_last.requires_grad,
           "h_last of encode(...) does not require grad: the RNN would never learn through it.",
           hint="no .detach() or torch.no_grad() around the RNN.")
    h_last.sum().backward()
    g = padded.grad
    expect(g is not None and bool(g[1, 2:].abs().sum() == 0) and bool(g[1, :2].abs().sum() > 0),
           "the gradient of h_last should reach the real steps of each sequence and none of its padding.",
           hint="pack the batch, so the padded steps never enter the computation.")
