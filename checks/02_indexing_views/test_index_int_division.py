import torch

from dlings.testing import expect_close, fail, no_loops


def test_middle_token(exercise):
    torch.manual_seed(0)
    for b, t, d in [(4, 6, 2), (5, 5, 1), (2, 8, 3)]:
        x = torch.randn(b, t, d)
        lengths = torch.randint(1, t + 1, (b,))
        lengths[:3] = torch.tensor([4, 5, 1])[:b]  # even, odd and 1
        what = f"middle_token(x, lengths) for x of shape {(b, t, d)}, lengths={lengths.tolist()}"
        try:
            got = exercise.middle_token(x, lengths)
        except IndexError as e:
            if "must be long" in str(e):
                fail(f"{what} raised IndexError: {e}",
                     hint="your index is a float tensor: `/` on int64 tensors is true division and returns float32. "
                          "Use floor division, `//`, which keeps int64.")
            raise
        rows = torch.arange(b)
        expect_close(got, x[rows, (lengths - 1) // 2], what=what, mistakes={
            "for an even length that is the upper middle: length 4 should give index 1, and lengths // 2 gives 2. "
            "Count from 0: (lengths - 1) // 2.": x[rows, lengths // 2],
            "round() rounds halves to the nearest EVEN number (1.5 -> 2, 0.5 -> 0), so even lengths go wrong; "
            "floor division (lengths - 1) // 2 always rounds down.": x[rows, ((lengths - 1) / 2).round().long()],
            "x[:, m] takes every middle index for every row; pair it with the batch index: x[torch.arange(B), m].":
                x[:, (lengths - 1) // 2],
        })


def test_no_python_loop(exercise):
    no_loops(exercise.middle_token)
