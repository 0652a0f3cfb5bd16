import torch
def graph_ops(t):
    names = []
    stack = [t.grad_fn] if t.grad_fn is not None else []
    while stack:
        n = stack.pop()
        names.append(type(n).__name__)
        stack.extend(m for m, _ in n.next_functions if m is not None)
    return names
