def broadcast_shape(s1, s2):
    n = max(len(s1), len(s2))
    a = [1] * (n - len(s1)) + list(s1); b = [1] * (n - len(s2)) + list(s2)
    out = []
    for x, y in zip(a, b):
        if x == y or y == 1: out.append(x)
        elif x == 1: out.append(y)
        else: return None
    return out
