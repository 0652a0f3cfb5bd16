import torch

from dlings.testing import expect_close, fail, no_loops


def test_last_valid(exercise):
    torch.manual_seed(0)
    for b, t, d, full in [(4, 4, 3, False), (3, 6, 2, False), (5, 5, 1, True), (1, 3, 4, True)]:
        x = torch.randn(b, t, d)
        lengths = torch.randint(1, t, (b,))  # shorter than T: x[:, -1] reads padding
        if full:
            lengths[0] = t
        what = f"last_valid(x, lengths) for x of shape {(b, t, d)}, lengths={lengths.tolist()}"
        try:
            got = exercise.last_valid(x, lengths)
        except IndexError as e:
            fail(f"{what} raised IndexError: {e}",
                 hint="a sequence of length T ends at index T - 1: use lengths - 1 as the time index.")
        rows = torch.arange(b)
        expect_close(got, x[rows, lengths - 1], what=what, mistakes={
            "x[:, -1] is the last PADDED position; each sequence ends at lengths[b] - 1.": x[:, -1],
            "x[:, lengths - 1] takes every sequence's end for EVERY row (B x B); pair the batch index with it: "
            "x[torch.arange(B), lengths - 1].": x[:, lengths - 1],
            "off by one: a sequence of length n ends at index n - 1.": x[rows, lengths.clamp(max=t - 1)],
            "off by one: index lengths - 2 is the token before the last one.": x[rows, (lengths - 2).clamp(min=0)],
        })


def test_no_python_loop(exercise):
    no_loops(exercise.last_valid)
