import torch

from dlings.testing import expect, expect_close, expect_tensor


def test_tile_rows_is_a_view(exercise):
    torch.manual_seed(0)
    for d, n in [(3, 4), (5, 1), (1, 6), (4, 1000)]:
        v = torch.randn(d)
        got = exercise.tile_rows(v, n)
        expect_close(got, v.unsqueeze(0).expand(n, d), what=f"tile_rows(v, {n}) for v of shape ({d},)")
        same = got.untyped_storage().data_ptr() == v.untyped_storage().data_ptr()
        expect(same and got.untyped_storage().nbytes() == v.untyped_storage().nbytes(),
               f"tile_rows(v, {n}) copied the data: the result lives in {got.untyped_storage().nbytes()} bytes of "
               f"new memory, v in {v.untyped_storage().nbytes()}.",
               hint="repeat(), stack() and cat() copy; v.expand(n, -1) (or v.unsqueeze(0).expand(n, d)) makes a "
                    "stride-0 view instead.")


def test_tile_rows_sees_changes_to_v(exercise):
    v = torch.zeros(3)
    t = expect_tensor(exercise.tile_rows(v, 5), "tile_rows(v, 5)")
    v[1] = 7.0
    expect_close(t[:, 1], torch.full((5,), 7.0), what="column 1 of tile_rows(v, 5) after setting v[1] = 7",
                 hint="a view reads v's memory, so a change to v shows in every row; yours is a copy.")
