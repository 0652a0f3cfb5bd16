"""math_isclose: compare floats with a tolerance, element by element.

Floats are rounded: in float64 (and plain Python) 0.1 + 0.2 == 0.3 is False,
and the same sum taken in another order can differ in its last bits. So
results are compared with a tolerance, element by element:
    |a - b| <= atol + rtol * |b|
atol matters near 0, rtol for large values (note: |b|, not |a|). Infinities
are close only to an EQUAL infinity (inf - inf is NaN, and inf <= inf would
let any number be close to inf); NaN is close to nothing.

Write isclose(a, b, rtol=1e-5, atol=1e-8): a bool tensor of a's shape, True
where a is close to b by these rules (a and b: float tensors, same shape).
Whole-tensor arithmetic and comparisons do it (abs, +, *, <=, ==, &, |);
not torch.isclose or torch.allclose, and no Python loops.

Read: torch.isclose, torch.abs, torch.isfinite, "Pointwise Ops"
"""
import torch


def isclose(a, b, rtol=1e-5, atol=1e-8):
    within = (a - b).abs() <= atol + rtol * b.abs()
    return (a == b) | (within & torch.isfinite(a) & torch.isfinite(b))


if __name__ == "__main__":
    a = torch.tensor([0.1, 1e-9, 1000.0, float("inf"), 1.0], dtype=torch.float64) + torch.tensor(
        [0.2, 0.0, 0.001, 0.0, 0.0], dtype=torch.float64)
    b = torch.tensor([0.3, 0.0, 1000.0, float("inf"), float("inf")], dtype=torch.float64)
    print(a == b)          # [False, False, False, True, False]
    print(isclose(a, b))   # [True, True, True, True, False]
