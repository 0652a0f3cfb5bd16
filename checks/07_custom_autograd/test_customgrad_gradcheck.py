import torch
from torch.autograd.gradcheck import GradcheckError

from dlings.testing import expect_equal, fail


class GoodSoftplus(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return torch.nn.functional.softplus(x)

    @staticmethod
    def backward(ctx, grad_out):
        (x,) = ctx.saved_tensors
        return grad_out * torch.sigmoid(x)


class WrongForNegatives(torch.autograd.Function):
    """|x|^3 with a backward that forgets the sign: right for x > 0 only."""

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x.abs() ** 3

    @staticmethod
    def backward(ctx, grad_out):
        (x,) = ctx.saved_tensors
        return grad_out * 3 * x ** 2


class GoodProduct(torch.autograd.Function):
    @staticmethod
    def forward(ctx, a, b):
        ctx.save_for_backward(a, b)
        return a * b

    @staticmethod
    def backward(ctx, grad_out):
        a, b = ctx.saved_tensors
        return grad_out * b, grad_out * a


class SwappedProduct(torch.autograd.Function):
    @staticmethod
    def forward(ctx, a, b):
        ctx.save_for_backward(a, b)
        return a * b

    @staticmethod
    def backward(ctx, grad_out):
        a, b = ctx.saved_tensors
        return grad_out * a, grad_out * b


def _judge(exercise, fn, shapes, label):
    try:
        return exercise.backward_is_correct(fn, *shapes)
    except GradcheckError:
        fail(f"backward_is_correct({label}, ...) raised GradcheckError instead of returning False.",
             hint="pass raise_exception=False to torch.autograd.gradcheck so it returns a bool.")
    except ValueError as exc:
        if "require" in str(exc):
            fail(f"gradcheck refused the inputs of backward_is_correct({label}, ...): {str(exc)[:160]}",
                 hint="make the inputs with requires_grad=True: gradcheck differentiates with respect to them.")
        raise


CASES = [
    (torch.sin, [(3, 2)], True, "torch.sin"),
    (GoodSoftplus.apply, [(5,)], True, "GoodSoftplus.apply"),
    (GoodProduct.apply, [(2, 3), (2, 3)], True, "GoodProduct.apply"),
    (WrongForNegatives.apply, [(12,)], False, "WrongForNegatives.apply"),
    (SwappedProduct.apply, [(4,), (4,)], False, "SwappedProduct.apply"),
]


def test_judges_correct_and_wrong_backwards(exercise):
    torch.manual_seed(0)
    for fn, shapes, want, label in CASES:
        got = _judge(exercise, fn, shapes, label)
        hint = None
        if want and got is False:
            hint = ("a correct backward was rejected: are your inputs float64? In float32 the finite "
                    "differences are too coarse and gradcheck fails even good functions.")
        elif not want and got is True:
            hint = "a wrong backward was accepted: do your inputs require grad, and do you return gradcheck's result?"
        expect_equal(got, want, what=f"backward_is_correct({label}, {', '.join(map(str, shapes))})", hint=hint)
