def graph_ops(t):
    names = set()
    stack = [t.grad_fn]
    while stack:
        node = stack.pop()
        names.add(type(node).__name__)
        if node is not None:
            stack.extend(child for child, _ in node.next_functions)
    return names
