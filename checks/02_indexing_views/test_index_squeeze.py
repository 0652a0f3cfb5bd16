import torch

from dlings.testing import expect_close

SHAPES = [(2, 3, 4), (1, 5, 5), (3, 1, 6), (1, 1, 1)]


def test_drop_channel(exercise):
    torch.manual_seed(0)
    for b, h, w in SHAPES:
        x = torch.randn(b, 1, h, w)
        expect_close(exercise.drop_channel(x), x[:, 0], what=f"drop_channel(x) for x of shape {(b, 1, h, w)}", mistakes={
            "x.squeeze() with no dim removes EVERY size-1 dimension (a batch of 1, H or W of 1 too); name the dim: x.squeeze(1).":
                x.squeeze(),
        })


def test_add_channel(exercise):
    torch.manual_seed(1)
    for b, h, w in SHAPES:
        x = torch.randn(b, h, w)
        expect_close(exercise.add_channel(x), x[:, None], what=f"add_channel(x) for x of shape {(b, h, w)}", mistakes={
            "unsqueeze(0) puts the new dim in front of the batch; the channel goes right after it, at position 1.":
                x.unsqueeze(0),
            "unsqueeze(-1) puts the new dim last; the channel goes at position 1.": x.unsqueeze(-1),
        })
