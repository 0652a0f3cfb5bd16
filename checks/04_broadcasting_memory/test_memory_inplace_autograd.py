import torch

from dlings.testing import expect_close, expect_not_calling, expect_tensor, fail

INPLACE = ("an in-place op (add_, +=, mul_, ...) overwrote a tensor that autograd saved for backward. "
           "Make a new tensor instead: h = h + 1.")


def _grad_of_sum(exercise, x, what):
    x = x.clone().requires_grad_(True)
    y = expect_tensor(exercise.softplus(x), what)
    if not y.requires_grad:
        fail(f"{what} is not connected to x: it does not require grad, so backward() cannot reach x.",
             hint="a .detach() (or .data, or torch.no_grad) cut the graph; keep every step differentiable.")
    try:
        y.sum().backward()
    except RuntimeError as err:
        if "inplace" in str(err) or "in-place" in str(err):
            first = str(err).split(" Hint:")[0][:300]
            fail(f"backward() through {what} failed:\n  {first}", hint=INPLACE)
        raise
    return y, x.grad


def test_values_and_gradient(exercise):
    torch.manual_seed(0)
    for shape in [(5,), (3, 4)]:
        x = torch.randn(shape, dtype=torch.float64) * 3
        what = f"softplus(x) for x of shape {shape}"
        y, grad = _grad_of_sum(exercise, x, what)
        expect_close(y.detach(), torch.nn.functional.softplus(x), what=what)
        expect_close(grad, torch.sigmoid(x), what=f"the gradient of softplus(x).sum() for x of shape {shape}",
                     mistakes={".data (or another trick that hides the in-place change) kept autograd from "
                               "noticing: backward then used the modified h and the gradient is silently wrong.":
                               torch.ones_like(x)})


def test_gradcheck(exercise):
    torch.manual_seed(1)
    x = torch.randn(6, dtype=torch.float64, requires_grad=True)
    _grad_of_sum(exercise, x.detach(), "softplus(x)")
    if not torch.autograd.gradcheck(exercise.softplus, (x,), raise_exception=False):
        fail("torch.autograd.gradcheck: the gradient of softplus(x) does not match finite differences.",
             hint="something hides an in-place change from autograd (.data?).")


def test_no_shortcut(exercise):
    expect_not_calling(exercise.softplus, ["softplus", "logaddexp"],
                       why="keep exp, +1 and log, and fix the in-place step.")
