import torch

from dlings.testing import expect_close

SHAPES = [(4, 4), (2, 5, 5), (2, 3, 3, 3), (1, 1)]


def with_mask(s, mask, value):
    return s.masked_fill(mask, value)


def test_mask_future(exercise):
    torch.manual_seed(0)
    for shape in SHAPES:
        s = torch.randn(shape)
        t = shape[-1]
        ones = torch.ones(t, t, dtype=torch.bool)
        want = with_mask(s, torch.triu(ones, 1), float("-inf"))
        expect_close(exercise.mask_future(s.clone()), want, what=f"mask_future(scores) for scores of shape {shape}", mistakes={
            "the diagonal is masked too: position i may attend to itself. torch.triu(..., diagonal=1) starts one above it "
            "(and a first row of all -inf turns into NaN after softmax).": with_mask(s, torch.triu(ones, 0), float("-inf")),
            "you masked the PAST (j < i) instead of the future (j > i): use triu, the upper triangle.":
                with_mask(s, torch.tril(ones, -1), float("-inf")),
            "masked entries must be -inf, not 0: exp(0) = 1, so softmax still gives them weight.":
                with_mask(s, torch.triu(ones, 1), 0.0),
        })


def test_scores_left_alone(exercise):
    torch.manual_seed(1)
    s = torch.randn(2, 4, 4)
    before = s.clone()
    exercise.mask_future(s)
    expect_close(s, before, what="the caller's scores after mask_future(scores)",
                 hint="masked_fill_ (with the underscore) writes into scores itself; masked_fill returns a new tensor.")
