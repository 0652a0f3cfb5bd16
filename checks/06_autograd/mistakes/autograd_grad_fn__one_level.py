def graph_ops(t):
    names = set()
    if t.grad_fn is None:
        return names
    names.add(type(t.grad_fn).__name__)
    for child, _ in t.grad_fn.next_functions:
        if child is not None:
            names.add(type(child).__name__)
    return names
