import math

import torch

from dlings.testing import expect_close, expect_dtype, expect_shape, expect_tensor, fail

# (length, dim): the typical case, odd dims, a single column, a single position, a long table.
SIZES = [(6, 8), (5, 7), (3, 1), (1, 4), (4, 2), (50, 16), (9, 5)]


def table(length, dim, *, pair_exp=True, shift=0, swap=False, halves=False, times=False):
    """The reference table, and the wrong ones a learner writes (in float64)."""
    pos = torch.arange(shift, length + shift, dtype=torch.float64)[:, None]
    n = (dim + 1) // 2
    i = torch.arange(n, dtype=torch.float64)
    freq = 10000 ** ((2 * i if pair_exp else i) / dim)
    angle = pos * freq if times else pos / freq
    first, second = (torch.cos, torch.sin) if swap else (torch.sin, torch.cos)
    if halves:
        return torch.cat([first(angle), second(angle)], dim=1)[:, :dim].float()
    pe = torch.zeros(length, dim, dtype=torch.float64)
    pe[:, 0::2] = first(angle)
    pe[:, 1::2] = second(angle[:, : dim // 2])
    return pe.float()


def test_values(exercise):
    for length, dim in SIZES:
        what = f"sinusoidal_encoding({length}, {dim})"
        try:
            got = exercise.sinusoidal_encoding(length, dim)
        except Exception as exc:  # noqa: BLE001 - the learner's code, explained
            fail(f"{what} raised {type(exc).__name__}: {(str(exc).splitlines() or [''])[0][:200]}",
                 hint=None if dim % 2 == 0 else
                 f"dim {dim} is odd: there are {(dim + 1) // 2} even columns (sin) but only {dim // 2} odd ones (cos), "
                 "so the cos part needs only the first dim // 2 angles.")
        got = expect_tensor(got, what)
        expect_shape(got, (length, dim), what)
        expect_dtype(got, torch.float32, what, hint="the table is float32 (the default dtype): end with .float() if "
                                                     "you worked in float64.")
        # float32 angles of positions up to 49 are good to about 1e-5.
        expect_close(got, table(length, dim), what, rtol=0, atol=1e-4, mistakes={
            "the exponent is i / dim; it is 2i / dim, with 2i the index of the even column (torch.arange(0, dim, 2)).":
                table(length, dim, pair_exp=False),
            "sin and cos are swapped: the EVEN columns (0, 2, ...) are sin, the odd ones cos.":
                table(length, dim, swap=True),
            "you put all the sines first and all the cosines after: they alternate, column 2i sin, 2i + 1 cos "
            "(pe[:, 0::2] and pe[:, 1::2]).": table(length, dim, halves=True),
            "the positions start at 1: they are 0..length-1 (torch.arange(length)), so row 0 is sin 0 = 0 and "
            "cos 0 = 1.": table(length, dim, shift=1),
            "you multiplied the position by 10000 ** (2i / dim); divide: the frequencies fall along the columns.":
                table(length, dim, times=True),
        })


def test_landmarks(exercise):
    pe = expect_tensor(exercise.sinusoidal_encoding(3, 6), "sinusoidal_encoding(3, 6)")
    expect_close(pe[0], torch.tensor([0.0, 1.0] * 3), "row 0 (position 0) of sinusoidal_encoding(3, 6)",
                 hint="position 0 gives sin 0 = 0 in the even columns and cos 0 = 1 in the odd ones.")
    expect_close(pe[:, 0], torch.tensor([math.sin(p) for p in range(3)]), "column 0 of sinusoidal_encoding(3, 6)",
                 hint="column 0 has i = 0, so its frequency is 10000 ** 0 = 1: sin(p).")
