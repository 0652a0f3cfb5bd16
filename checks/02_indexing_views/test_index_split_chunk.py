import torch

from dlings.testing import expect_close
from support_02_indexing_views import expect_tuple_of_tensors


def test_split_qkv(exercise):
    torch.manual_seed(0)
    for shape in [(3, 3, 12), (2, 6), (4, 5, 2, 9)]:
        x = torch.randn(shape)
        got = expect_tuple_of_tensors(exercise.split_qkv(x), 3, f"split_qkv(x) for x of shape {shape}")
        d = shape[-1] // 3
        for name, piece, i in zip("qkv", got, range(3)):
            expect_close(piece, x[..., i * d:(i + 1) * d], what=f"{name} from split_qkv(x) for x of shape {shape}", mistakes={
                "you cut along dim 0; q, k and v sit side by side in the LAST dim: dim=-1.":
                    x.chunk(3)[i] if x.shape[0] % 3 == 0 else None,
            })


def test_train_val(exercise):
    torch.manual_seed(1)
    # n_val = 0 is the Python slicing trap: x[-0:] is ALL of x, and x[:-0] is empty.
    for n, n_val in [(10, 3), (7, 1), (8, 4), (5, 2), (6, 0), (3, 3)]:
        x = torch.randn(n, 2)
        got = expect_tuple_of_tensors(exercise.train_val(x, n_val), 2, f"train_val(x, {n_val}) for x with {n} rows")
        for name, piece, want, swapped in [("train", got[0], x[:n - n_val], x[:n_val]),
                                           ("val", got[1], x[n - n_val:], x[n_val:])]:
            expect_close(piece, want, what=f"{name} from train_val(x, {n_val}) for x with {n} rows", mistakes={
                "-n_val is -0 = 0 when n_val is 0, so x[-n_val:] is ALL of x and x[:-n_val] is empty: slice with "
                "n - n_val (x[:n - n_val], x[n - n_val:]), or split with sizes [n - n_val, n_val].":
                    (x[:-n_val] if name == "train" else x[-n_val:]) if n_val == 0 else None,
                "val should be the LAST n_val rows: x[:n_val] are the first ones. Sizes [n - n_val, n_val] do it in one split.":
                    swapped,
            })
