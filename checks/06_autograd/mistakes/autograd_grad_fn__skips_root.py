def graph_ops(t):
    names = set()

    def visit(node):
        for child, _ in node.next_functions:
            if child is not None:
                names.add(type(child).__name__)
                visit(child)

    if t.grad_fn is not None:
        visit(t.grad_fn)
    return names
