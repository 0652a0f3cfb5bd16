import torch

from dlings.testing import expect, expect_equal


def _reference(t):
    names, stack = set(), [t.grad_fn] if t.grad_fn is not None else []
    while stack:
        node = stack.pop()
        names.add(type(node).__name__)
        stack.extend(c for c, _ in node.next_functions if c is not None)
    return names


def _one_level(t):
    if t.grad_fn is None:
        return set()
    return {type(t.grad_fn).__name__} | {type(c).__name__ for c, _ in t.grad_fn.next_functions if c is not None}


def _graphs():
    torch.manual_seed(0)
    x = torch.randn(4, requires_grad=True)
    w = torch.randn(4, requires_grad=True)
    c = torch.randn(4)                       # a constant: its slot in next_functions is None
    m = torch.randn(3, 4, requires_grad=True)
    yield "((x * w).sin() + c).sum()", ((x * w).sin() + c).sum()
    yield "torch.tanh(m @ x).exp().mean()", torch.tanh(m @ x).exp().mean()
    yield "(x * c).relu()", (x * c).relu()
    yield "x.pow(2).sum() / w.norm()", x.pow(2).sum() / w.norm()


def _normalise(names):
    # accept node.name() spellings such as "torch::autograd::AccumulateGrad"
    return {str(n).split("::")[-1] for n in names}


def test_graph_ops(exercise):
    for text, t in _graphs():
        got = exercise.graph_ops(t)
        expect(isinstance(got, (set, frozenset)),
               f"graph_ops({text}) should return a set of names, not {type(got).__name__}.",
               hint="a node can be reached along several paths, so a list repeats names; collect them in a set "
                    "(names = set(); names.add(...)) and return it.")
        got = _normalise(got)
        want = _reference(t)
        expect(None not in got and "NoneType" not in got,
               f"graph_ops({text}) contains None / 'NoneType': {sorted(map(str, got))}",
               hint="next_functions holds (None, 0) for inputs that need no gradient (like the constant c): skip them.")
        expect_equal(sorted(got), sorted(want), f"graph_ops({text}) (sorted)", mistakes={
            "you only looked at t.grad_fn and its direct inputs: keep going down through every node's "
            "next_functions (a loop with a stack, or recursion).": sorted(_one_level(t)),
            "t.grad_fn itself is missing: include the node you start from.": sorted(want - {type(t.grad_fn).__name__}),
        })


def test_leaf_has_no_graph(exercise):
    leaf = torch.randn(3, requires_grad=True)
    got = exercise.graph_ops(leaf)
    expect_equal(sorted(_normalise(got)), [], "graph_ops(leaf) for a leaf tensor (its grad_fn is None)",
                 hint="a leaf's grad_fn is None: return an empty set.")
