"""bcast_shapes: the broadcasting rule, by hand.

When two tensors meet in `a + b`, PyTorch lines their shapes up from the
RIGHT. Pair by pair, two sizes are compatible when they are equal or one of
them is 1 (the 1 is stretched); a missing dimension counts as 1.

Write `broadcast_shape(s1, s2)`: the shape (a tuple of ints) that `a + b`
would have for tensors of shapes s1 and s2, or None when they cannot
broadcast. Plain Python: torch.broadcast_shapes is not allowed here.

Read: https://pytorch.org/docs/stable/notes/broadcasting.html
"""


def broadcast_shape(s1: tuple, s2: tuple):
    n = max(len(s1), len(s2))
    a = (1,) * (n - len(s1)) + tuple(s1)
    b = (1,) * (n - len(s2)) + tuple(s2)
    out = []
    for x, y in zip(a, b):
        if x != y and x != 1 and y != 1:
            return None
        out.append(y if x == 1 else x)
    return tuple(out)


if __name__ == "__main__":
    print(broadcast_shape((5, 1, 4), (3, 1)))   # (5, 3, 4)
    print(broadcast_shape((3,), (4,)))          # None
