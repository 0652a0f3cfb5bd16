import torch

from dlings.testing import expect_close
from support_02_indexing_views import noncontig

CASES = [(2, 3, 2, 4), (1, 5, 4, 2), (3, 4, 1, 3), (2, 2, 3, 2)]  # B, T, H, Dh


def ref_split(x, h):
    b, t, e = x.shape
    return torch.stack([x[:, :, i * (e // h):(i + 1) * (e // h)] for i in range(h)], dim=1)


def test_split_heads(exercise):
    torch.manual_seed(0)
    for b, t, h, dh in CASES:
        x = torch.randn(b, t, h * dh)
        expect_close(exercise.split_heads(x, h), ref_split(x, h), what=f"split_heads(x, {h}) for x of shape {(b, t, h * dh)}",
                     mistakes={
                         "reshaping straight to (B, H, T, Dh) regroups the numbers in memory order, mixing tokens and "
                         "heads. Split the last dim first, (B, T, H, Dh), then transpose(1, 2).": x.reshape(b, h, t, dh),
                         "the result is (B, T, H, Dh): T and H still need swapping with transpose(1, 2).":
                             x.reshape(b, t, h, dh),
                     })


def test_split_heads_non_contiguous(exercise):
    torch.manual_seed(1)
    for b, t, h, dh in CASES:
        x = noncontig(torch.randn(b, t, h * dh))
        expect_close(exercise.split_heads(x, h), ref_split(x, h),
                     what=f"split_heads(x, {h}) for a non-contiguous x of shape {(b, t, h * dh)}")


def test_merge_heads(exercise):
    torch.manual_seed(2)
    for b, t, h, dh in CASES:
        x = torch.randn(b, t, h * dh)
        y = ref_split(x, h).contiguous()
        expect_close(exercise.merge_heads(y), x, what=f"merge_heads(y) for y of shape {(b, h, t, dh)}", mistakes={
            "reshaping (B, H, T, Dh) straight to (B, T, H*Dh) mixes tokens and heads: transpose(1, 2) back first.":
                y.reshape(b, t, h * dh),
        })


def test_merge_heads_round_trip(exercise):
    torch.manual_seed(3)
    for b, t, h, dh in CASES:
        x = torch.randn(b, t, h * dh)
        y = x.reshape(b, t, h, dh).transpose(1, 2)  # not contiguous, as it comes out of attention code
        expect_close(exercise.merge_heads(y), x,
                     what=f"merge_heads(y) for a NON-contiguous y of shape {(b, h, t, dh)} (made by transpose)")
