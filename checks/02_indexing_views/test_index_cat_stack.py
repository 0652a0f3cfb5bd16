import torch

from dlings.testing import expect_close, fail


def test_make_batch(exercise):
    torch.manual_seed(0)
    for n, shape in [(4, (3, 2, 2)), (1, (1, 5, 5)), (3, (2, 3, 4))]:
        samples = [torch.randn(shape) for _ in range(n)]
        before = [s.clone() for s in samples]
        got = exercise.make_batch(samples)
        expect_close(got, torch.stack(before), what=f"make_batch(samples) for {n} samples of shape {shape}", mistakes={
            "torch.cat glues along the EXISTING first dim (N*C, H, W); a batch needs a NEW dim in front: torch.stack.":
                torch.cat(before),
            "stack(dim=1) puts the new dim second; the batch dim comes first (dim=0).": torch.stack(before, dim=1),
        })


def test_concat_features(exercise):
    torch.manual_seed(1)
    for n, d1, d2 in [(4, 3, 3), (5, 2, 6), (1, 4, 1)]:
        a, b = torch.randn(n, d1), torch.randn(n, d2)
        what = f"concat_features(a, b) for a of shape {(n, d1)}, b of shape {(n, d2)}"
        try:
            got = exercise.concat_features(a, b)
        except RuntimeError as e:
            fail(f"{what} raised:\n  {e}",
                 hint="stack needs equal shapes, and cat along dim 0 needs equal widths: features go side by side, "
                      "torch.cat([a, b], dim=1).")
        expect_close(got, torch.cat([a, b], dim=1), what=what, mistakes={
            "cat along dim 0 puts b's rows UNDER a's (more samples); features go side by side: dim=1.":
                torch.cat([a, b]) if d1 == d2 else None,
            "stack makes a new dim (N, 2, D); features should be one row of D1 + D2 numbers: torch.cat(..., dim=1).":
                torch.stack([a, b], dim=1) if d1 == d2 else None,
            "stack makes a new dim (2, N, D); features should be one row of D1 + D2 numbers: torch.cat(..., dim=1).":
                torch.stack([a, b]) if d1 == d2 else None,
        })
