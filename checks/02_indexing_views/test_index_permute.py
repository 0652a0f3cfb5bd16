import torch

from dlings.testing import expect_close, fail


def test_to_channels_first(exercise):
    torch.manual_seed(0)
    for shape in [(4, 4, 3), (2, 5, 5, 3), (3, 6, 2), (1, 2, 7, 4)]:
        x = torch.randn(shape)
        h, w, c = shape[-3:]
        what = f"to_channels_first(x) for x of shape {shape}"
        try:
            got = exercise.to_channels_first(x)
        except RuntimeError as e:
            if "permute" in str(e) and "dims" in str(e):
                fail(f"{what} raised:\n  {e}",
                     hint="permute(2, 0, 1) lists exactly three dims, so it breaks on a batch (N, H, W, C). "
                          "Count from the end instead: x.movedim(-1, -3), or permute with negative dims.")
            raise
        want = x.movedim(-1, -3)
        expect_close(got, want, what=what, mistakes={
            "reshape/view give the right shape but keep the numbers in memory order, so the pixels are scrambled. "
            "Reorder dims with permute or movedim.": x.reshape(want.shape),
            "transpose(-1, -3) swaps C and H, which also swaps H and W: (C, W, H). Move C only: x.movedim(-1, -3).":
                x.transpose(-1, -3) if h == w else None,
        })
