import torch

from dlings.testing import expect_close, expect_meta_call


def test_scale_multiplies_by_ten(exercise):
    torch.manual_seed(0)
    for shape in [(5,), (3, 4), (2, 3, 2), (1,)]:
        x = torch.randn(shape)
        expect_close(
            exercise.scale(x.clone()),
            x * 10,
            what=f"scale(x) for x of shape {shape}",
            mistakes={
                "x + 10 adds ten; the exercise asks to multiply by ten.": x + 10,
                "x * 100 (or 10 ** 2): one zero too many.": x * 100,
            },
        )


def test_scale_keeps_dtype_and_device(exercise):
    x = torch.randn(4, dtype=torch.float64)
    expect_close(exercise.scale(x.clone()), x * 10, what="scale(x) for a float64 x",
                 hint="the result should keep x's dtype: multiply x itself, without rebuilding it from a list.")
    expect_meta_call(exercise.scale, (2, 3), reference=lambda t: t * 10, what="scale(x)")


def test_scale_leaves_input_alone(exercise):
    x = torch.arange(4.0)
    exercise.scale(x)
    expect_close(x, torch.arange(4.0), what="the input tensor after scale(x)",
                 hint="an in-place op (x *= 10, x.mul_) changed the caller's tensor; return a new one.")
