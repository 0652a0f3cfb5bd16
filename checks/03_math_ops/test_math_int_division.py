import torch

from dlings.testing import expect_close


def _cases():
    g = torch.Generator().manual_seed(0)
    yield "small counts", torch.tensor([0, 1, 9, 10, 11, 20, 21, 7]), torch.tensor([10, 10, 10, 10, 10, 10, 10, 1])
    items = torch.randint(0, 100, (4, 6), generator=g)
    per = torch.randint(1, 12, (4, 6), generator=g)
    yield "random counts of shape (4, 6)", items, per
    big = torch.randint(2**30, 2**40, (8,), generator=g)
    big[::2] += 1  # odd counts: the rounding matters
    yield "counts above 2**30", big, torch.tensor([1, 2, 3, 1, 7, 1, 1000, 1])
    # near 2**60: beyond float64's 2**53 as well, so only integer arithmetic is exact
    huge = torch.tensor([2**60 + 1, 2**60 - 1, 2**59 + 3, 2**60, 3 * 2**58 + 1, 2**60 + 7])
    yield "counts near 2**60", huge, torch.tensor([2, 4, 8, 1, 3, 1000])


def test_pages_needed(exercise):
    for label, items, per in _cases():
        items_before, per_before = items.clone(), per.clone()
        expected = -(-items // per)
        got = exercise.pages_needed(items, per)
        expect_close(
            got, expected, what=f"pages_needed(items, per_page) for {label}",
            hint=("`/` gives floats: stay in int64 (// or torch.div with rounding_mode)."
                  if getattr(got, "dtype", None) is not None and got.dtype.is_floating_point else None),
            mistakes={
                "items // per_page rounds down: a partly filled last page is lost.": items // per,
                "items // per_page + 1 adds a page even when the last page is exactly full (10 items, 10 per page -> 1).": items // per + 1,
                "float32 cannot represent these big counts exactly: `/` turned your int64 into float32. Stay in integers.":
                    lambda: torch.ceil(items / per).long(),
                "float64 holds whole numbers exactly only up to 2**53, and these counts are near 2**60: stay in "
                "integers (// or torch.div with rounding_mode), as the docstring asks.":
                    lambda: torch.ceil(items.double() / per.double()).long(),
            },
        )
        expect_close(items, items_before, what="the `items` tensor after your call",
                     hint="an in-place op (+=, add_) changed the caller's tensor; build a new one.")
        expect_close(per, per_before, what="the `per_page` tensor after your call",
                     hint="an in-place op (-=, sub_) changed the caller's tensor; build a new one.")
