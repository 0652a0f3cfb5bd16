import torch

from dlings.testing import expect_equal

OFFSET = ("t.data_ptr() is where the tensor's first element sits; a view that starts later (x[1:], x[:, 1]) "
          "has another address but the same storage. Compare t.untyped_storage().data_ptr().")
VIEW = ("a view (view(), t(), detach(), slicing) is a new tensor object over the same memory: "
        "compare the storages, not the objects or their values.")
VALUES = "equal values do not mean shared memory: compare storages, not contents."


def _cases():
    torch.manual_seed(0)
    x = torch.randn(4, 5)
    y = x.t().contiguous()
    return [
        ("x", "x", x, x, True, None),
        ("x", "x.view(20)", x, x.view(20), True, VIEW),
        ("x", "x.t()", x, x.t(), True, VIEW),
        ("x", "x[1:]", x, x[1:], True, OFFSET),
        ("x", "x[:, 2]", x, x[:, 2], True, OFFSET),
        ("x[0]", "x[3]", x[0], x[3], True, OFFSET + " Two views can share a storage without overlapping."),
        ("x", "x.detach()", x, x.detach(), True, VIEW),
        ("x", "x.clone()", x, x.clone(), False, VALUES),
        ("x", "x + 0", x, x + 0, False, VALUES),
        ("x", "x.t().contiguous()", x, y, False, "contiguous() copies a non-contiguous tensor into new memory."),
        ("torch.zeros(3)", "torch.zeros(3)", torch.zeros(3), torch.zeros(3), False, VALUES),
        ("x[2:]", "x.reshape(2, 10)", x[2:], x.reshape(2, 10), True, OFFSET),
    ]


def test_shares_storage(exercise):
    for name_a, name_b, a, b, want, hint in _cases():
        got = exercise.shares_storage(a, b)
        expect_equal(got, want, what=f"shares_storage({name_a}, {name_b})", hint=hint)
