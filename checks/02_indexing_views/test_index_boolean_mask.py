import torch

from dlings.testing import expect_close

SHAPES = [(4, 5), (3,), (2, 3, 4)]


def int_valued(shape):
    # whole numbers, so some elements equal the threshold exactly
    return torch.randint(-3, 4, shape).float()


def test_above(exercise):
    torch.manual_seed(0)
    for shape in SHAPES:
        x = int_valued(shape)
        for t in (1.0, -1.0):
            expect_close(exercise.above(x, t), x[x > t], what=f"above(x, {t}) for x of shape {shape}", mistakes={
                "x * (x > t) keeps x's shape and puts zeros where the mask is False; x[mask] keeps only the selected elements.":
                    x * (x > t),
                "x >= t also keeps elements EQUAL to t; the exercise asks for strictly greater.": x[x >= t],
                "x < t selects the elements below t; flip the comparison.": x[x < t],
            })


def test_mean_positive(exercise):
    torch.manual_seed(1)
    for shape in SHAPES:
        x = int_valued(shape)
        x.view(-1)[0] = 2.0  # at least one positive element
        expect_close(exercise.mean_positive(x), x[x > 0].mean(), what=f"mean_positive(x) for x of shape {shape}", mistakes={
            "the zeros left by a mask (x * mask, relu, clamp) still count in the mean's denominator: select the positive elements with x[x > 0] first.":
                (x * (x > 0)).mean(),
            "that is the SUM of the positive elements; the exercise asks for their mean.": x[x > 0].sum(),
            "that is the mean of every element, not only the positive ones.": x.mean(),
        })
