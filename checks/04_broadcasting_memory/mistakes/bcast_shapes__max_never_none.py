def broadcast_shape(s1: tuple, s2: tuple):
    n = max(len(s1), len(s2))
    a = (1,) * (n - len(s1)) + tuple(s1)
    b = (1,) * (n - len(s2)) + tuple(s2)
    return tuple(max(x, y) for x, y in zip(a, b))
