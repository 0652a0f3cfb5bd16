import torch

from dlings.testing import expect, expect_close

SHARED = ("x[:, 0] is a view of x, and so is x[:, 0].detach() (detach only cuts autograd, it shares memory). "
          "Use .clone() to get memory of your own.")
CONTIGUOUS = ("for x of shape (n, 1) the column x[:, 0] is already contiguous, so .contiguous() hands back the same "
              "memory. Use .clone(), which always copies.")


def test_result_and_input(exercise):
    torch.manual_seed(0)
    for shape in [(4, 3), (2, 5), (6, 1)]:
        x = torch.randn(shape)
        before = x.clone()
        got = exercise.doubled_first_column(x)
        hint = CONTIGUOUS if shape[1] == 1 else SHARED
        expect_close(x, before, what=f"the input x (shape {shape}) after doubled_first_column(x)", hint=hint)
        expect_close(got, before[:, 0] * 2, what=f"doubled_first_column(x) for x of shape {shape}")
        got.fill_(123.0)
        expect(torch.equal(x, before),
               f"writing into the result of doubled_first_column(x) changed x (shape {shape}): the result still "
               "shares x's memory.", hint=hint)
