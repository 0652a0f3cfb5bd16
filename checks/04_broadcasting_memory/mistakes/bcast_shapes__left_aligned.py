def broadcast_shape(s1: tuple, s2: tuple):
    out = []
    for x, y in zip(s1, s2):
        if x != y and x != 1 and y != 1:
            return None
        out.append(y if x == 1 else x)
    return tuple(out)
