"""math_int_division: dividing integer tensors.

`pages_needed(items, per_page)` gets two int64 tensors of the same shape:
how many items each list has (>= 0, up to 2**60) and how many fit on one page
(>= 1). Return how many pages each list needs (a ceiling division), as int64.

Integer division surprises: `/` on int tensors returns float32 (true
division), and float32 cannot hold every integer above 2**24, so
`(items / per_page).ceil()` goes wrong for big counts. `//` floors (toward
minus infinity, like Python); torch.div(a, b, rounding_mode=...) chooses.
Staying in integers is required: the check uses counts near 2**60, which
float64 (exact up to 2**53) cannot hold either.

Read: torch.div (rounding_mode), torch.floor_divide
"""
import torch


def pages_needed(items: torch.Tensor, per_page: torch.Tensor) -> torch.Tensor:
    return (items + per_page - 1) // per_page


if __name__ == "__main__":
    items = torch.tensor([0, 1, 10, 11, 2**40 + 1])
    print(pages_needed(items, torch.tensor([10, 10, 10, 10, 1])))  # [0, 1, 1, 2, 1099511627777]
