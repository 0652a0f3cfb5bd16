import torch

from dlings.testing import expect_close
from support_01_tensors import expect_dtype_is


def _pairs():
    yield (torch.tensor([200, 10, 255, 1, 3], dtype=torch.uint8), torch.tensor([100, 20, 255, 2, 5], dtype=torch.uint8))
    g = torch.Generator().manual_seed(0)
    for shape in [(3, 4, 4), (2, 3, 5, 6)]:
        yield (torch.randint(0, 256, shape, generator=g, dtype=torch.uint8),
               torch.randint(0, 256, shape, generator=g, dtype=torch.uint8))


def test_average_images(exercise):
    for a, b in _pairs():
        what = (f"average_images({a.tolist()}, {b.tolist()})" if a.dim() == 1
                else f"average_images(a, b) for uint8 images of shape {tuple(a.shape)}")
        got = exercise.average_images(a.clone(), b.clone())
        expect_dtype_is(got, torch.uint8, what, {
            torch.float32: "`/` makes floats: bring the result back with .to(torch.uint8) (or use `//`).",
            torch.int32: "widening was right; now bring the result back with .to(torch.uint8).",
            torch.int64: "widening was right; now bring the result back with .to(torch.uint8).",
            torch.int16: "widening was right; now bring the result back with .to(torch.uint8).",
        })
        want = ((a.long() + b.long()) // 2).to(torch.uint8)
        expect_close(got, want, what, mistakes={
            "a + b overflowed: uint8 + uint8 stays uint8 and wraps past 255. Widen first (a.int() + b.int()).":
                (a + b) // 2,
            "a + b overflowed before the division: widen to a bigger integer type before adding.":
                lambda: ((a + b) / 2).to(torch.uint8),
            "a // 2 + b // 2 loses the 1 when both pixels are odd: add first (in a wider type), then halve.":
                a // 2 + b // 2,
            "the average was rounded up or to nearest; the exercise asks for rounding down (//).":
                lambda: ((a.float() + b.float()) / 2).round().to(torch.uint8),
        })
