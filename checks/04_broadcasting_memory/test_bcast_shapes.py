import random

import torch

from dlings.testing import expect_equal, expect_not_calling, fail, forbid_calls

CASES = [
    ((5, 1, 4), (3, 1)), ((3,), (4,)), ((2, 3), (3,)), ((2, 3), (2,)), ((4, 1), (4,)),
    ((1,), (7,)), ((), (2, 3)), ((8, 1, 6, 1), (7, 1, 5)), ((0,), (1,)), ((0,), (3,)),
    ((2, 1), (1, 2)), ((3, 1, 1), (1, 4, 1)), ((6, 5), (1, 6, 5)), ((2, 3, 4), (2, 3)),
]


def _reference(s1, s2):
    try:
        return tuple(torch.broadcast_shapes(s1, s2))
    except RuntimeError:
        return None


def _left_aligned(s1, s2):
    out = []
    for x, y in zip(s1, s2):
        if x != y and 1 not in (x, y):
            return None
        out.append(y if x == 1 else x)
    return tuple(out)


def _max_no_error(s1, s2):
    n = max(len(s1), len(s2))
    a = (1,) * (n - len(s1)) + tuple(s1)
    b = (1,) * (n - len(s2)) + tuple(s2)
    return tuple(max(x, y) for x, y in zip(a, b))


def _cases():
    rng = random.Random(0)
    cases = list(CASES)
    for _ in range(60):
        s1 = tuple(rng.choice([1, 1, 2, 3]) for _ in range(rng.randint(0, 4)))
        s2 = tuple(rng.choice([1, 2, 3]) for _ in range(rng.randint(0, 4)))
        cases.append((s1, s2))
    return cases


def test_broadcast_shape_matches_pytorch(exercise):
    for s1, s2 in _cases():
        with forbid_calls(["torch.broadcast_shapes", "torch.broadcast_tensors"],
                          why="work the rule out yourself with plain Python tuples."):
            got = exercise.broadcast_shape(s1, s2)
        if isinstance(got, list):
            fail(f"broadcast_shape({s1}, {s2}) returned a list, {got}; the docstring asks for a tuple of ints "
                 "(like x.shape, which is a tuple: (2, 3) == [2, 3] is False in Python).",
                 hint="build the list, then return tuple(out).")
        expect_equal(
            got, _reference(s1, s2), what=f"broadcast_shape({s1}, {s2})",
            mistakes={
                "shapes are lined up from the RIGHT: pad the shorter one with 1s on the left, not cut the longer one.":
                    _left_aligned(s1, s2),
                "sizes that differ and are both not 1 cannot broadcast: return None then (a size 1 is stretched, "
                "even to 0).": _max_no_error(s1, s2),
            },
        )


def test_no_torch_shortcut(exercise):
    expect_not_calling(exercise.broadcast_shape, ["broadcast_shapes", "broadcast_tensors"],
                       why="work the rule out yourself with plain Python tuples.")
